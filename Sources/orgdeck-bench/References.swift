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
