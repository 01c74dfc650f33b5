import Foundation

/// A bare ncurses program drawing the same kind of screen as the console's first frame (a
/// header, rows of text, a footer ending in "help"), compiled with the system C compiler: the
/// floor a curses console cannot beat.
enum BareCurses {
    static let source = #"""
    #define _XOPEN_SOURCE_EXTENDED 1
    #include <locale.h>
    #include <ncursesw/curses.h>
    int main(void) {
        setlocale(LC_ALL, "");
        initscr(); cbreak(); noecho(); keypad(stdscr, TRUE);
        if (has_colors()) { start_color(); use_default_colors(); init_pair(1, COLOR_WHITE, COLOR_BLUE); init_pair(2, COLOR_CYAN, -1); }
        attron(COLOR_PAIR(1)); mvhline(0, 0, ' ', COLS); mvprintw(0, 1, "bare curses > Acme Robotics - Admin"); attroff(COLOR_PAIR(1));
        mvprintw(1, 1, " 1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security");
        for (int row = 3; row < LINES - 2; row++) {
            attron(COLOR_PAIR(2)); mvprintw(row, 1, "app-%03d", row); attroff(COLOR_PAIR(2));
            mvprintw(row, 24, "Application number %d   updated %dd ago   a description of the app", row, row % 30);
        }
        attron(COLOR_PAIR(1)); mvhline(LINES - 1, 0, ' ', COLS);
        mvprintw(LINES - 1, 1, "Enter open  n new  e edit  d delete  / filter"); mvprintw(LINES - 1, COLS - 8, "? help");
        attroff(COLOR_PAIR(1));
        refresh();
        while (getch() != 'q') {}
        endwin();
        return 0;
    }
    """#

    /// Compiles the program into `folder`; the path of the binary.
    static func build(in folder: String) throws -> String {
        try Reference.compile(source, named: "bare-curses.c", in: folder,
                              command: { ["cc", "-O2", "-o", $1, $0, "-lncursesw"] })
    }
}

/// The smallest Swift program that uses Foundation and prints the marker, linked as orgdeck is
/// (static Swift runtime): the floor of any Swift process, before it does any work.
enum SwiftHello {
    static let source = #"""
    import Foundation
    print("help " + (ProcessInfo.processInfo.environment["TERM"] ?? ""))
    """#

    /// Compiles the program into `folder`; the path of the binary.
    static func build(in folder: String) throws -> String {
        try Reference.compile(source, named: "hello.swift", in: folder,
                              command: { ["swiftc", "-O", "-static-stdlib", "-o", $1, $0] })
    }
}

/// The least a Swift console must do for the first frame: open the database read-write as
/// the console does, read the first window of the organization's apps (SQLite parses the whole
/// schema to prepare it), then start curses and paint them, with the Swift runtime linked in
/// statically and no framework at all. No Swift program that shows data from the file can start
/// faster than this.
enum SwiftFloor {
    static let header = """
    #define _XOPEN_SOURCE_EXTENDED 1
    #include <locale.h>
    #include <ncursesw/curses.h>
    #include <sqlite3.h>
    static inline void floor_color(int pair, int on) { if (on) attron(COLOR_PAIR(pair)); else attroff(COLOR_PAIR(pair)); }
    """

    static let source = #"""
    import Glibc
    var db: OpaquePointer?, statement: OpaquePointer?
    guard sqlite3_open_v2(CommandLine.arguments[1], &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
          sqlite3_prepare_v2(db, "SELECT app_id, name, description FROM apps WHERE owner = 'o:acme' ORDER BY owner, updated_at DESC LIMIT 40",
                             -1, &statement, nil) == SQLITE_OK else { fatalError("cannot read the apps") }
    var rows: [(String, String)] = []
    while sqlite3_step(statement) == SQLITE_ROW {
        rows.append((String(cString: sqlite3_column_text(statement, 0)),
                     String(cString: sqlite3_column_text(statement, 1)) + "   " + String(cString: sqlite3_column_text(statement, 2))))
    }
    sqlite3_finalize(statement)
    setlocale(LC_ALL, "")
    initscr(); cbreak(); noecho(); keypad(stdscr, true)
    if has_colors() { start_color(); use_default_colors(); init_pair(1, Int16(COLOR_WHITE), Int16(COLOR_BLUE)); init_pair(2, Int16(COLOR_CYAN), -1) }
    floor_color(1, 1); mvhline(0, 0, 32, COLS); mvaddstr(0, 1, "swift floor > Acme Robotics - Admin"); floor_color(1, 0)
    mvaddstr(1, 1, " 1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security")
    for (index, row) in rows.prefix(Int(LINES) - 5).enumerated() {
        floor_color(2, 1); mvaddstr(Int32(index + 3), 1, row.0); floor_color(2, 0)
        mvaddstr(Int32(index + 3), 24, row.1)
    }
    floor_color(1, 1); mvhline(LINES - 1, 0, 32, COLS)
    mvaddstr(LINES - 1, 1, "Enter open  n new  e edit  d delete  / filter"); mvaddstr(LINES - 1, COLS - 8, "? help")
    floor_color(1, 0)
    refresh()
    while getch() != 113 {}
    endwin()
    """#

    /// Compiles the program into `folder`, linked as orgdeck is (static Swift runtime); the path of the binary.
    static func build(in folder: String) throws -> String {
        let headerPath = folder + "/floor.h"
        try header.write(toFile: headerPath, atomically: true, encoding: .utf8)
        return try Reference.compile(source, named: "floor.swift", in: folder, command: {
            ["swiftc", "-O", "-static-stdlib", "-import-objc-header", headerPath, "-o", $1, $0, "-lncursesw", "-lsqlite3"]
        })
    }
}

/// Building the reference programs.
enum Reference {
    /// Writes `source` to `folder/name`, runs the compiler `command(sourcePath, binaryPath)` and
    /// returns the binary's path.
    static func compile(_ source: String, named name: String, in folder: String,
                        command: (String, String) -> [String]) throws -> String {
        let sourcePath = folder + "/" + name
        let binary = folder + "/" + (name as NSString).deletingPathExtension
        try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = command(sourcePath, binary)
        compiler.standardError = FileHandle.nullDevice
        try compiler.run()
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0 else {
            throw PtyRun.Failure(description: "\(compiler.arguments?.first ?? "the compiler") could not build \(name)")
        }
        return binary
    }
}
