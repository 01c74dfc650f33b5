// Shim over ncursesw for Swift 6.
//
// Swift 6 refuses mutable C globals (stdscr, LINES, COLS, COLORS…) as not concurrency-safe and
// does not import function-like or complex macros (A_BOLD, KEY_F(n), WA_*). Each of those gets a
// tiny `static inline` accessor here so Swift code calls a function instead. The wide-character
// API needs `_XOPEN_SOURCE_EXTENDED` and `NCURSES_WIDECHAR` defined before the header.
#ifndef ORGDECK_CNCURSESW_SHIM_H
#define ORGDECK_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// wcwidth/wcswidth are only declared under _XOPEN_SOURCE; declare them so Swift sees them.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// Globals Swift 6 cannot read directly.
static inline WINDOW *orgdeck_stdscr(void) { return stdscr; }
static inline WINDOW *orgdeck_curscr(void) { return curscr; }
static inline int orgdeck_lines(void) { return LINES; }
static inline int orgdeck_cols(void) { return COLS; }
static inline int orgdeck_colors(void) { return COLORS; }
static inline int orgdeck_color_pairs(void) { return COLOR_PAIRS; }
static inline int orgdeck_escdelay(void) { return ESCDELAY; }

// Attribute macros (chtype masks).
static inline attr_t orgdeck_a_normal(void) { return A_NORMAL; }
static inline attr_t orgdeck_a_bold(void) { return A_BOLD; }
static inline attr_t orgdeck_a_underline(void) { return A_UNDERLINE; }
static inline attr_t orgdeck_a_reverse(void) { return A_REVERSE; }
static inline attr_t orgdeck_a_dim(void) { return A_DIM; }
static inline attr_t orgdeck_a_standout(void) { return A_STANDOUT; }
static inline attr_t orgdeck_a_blink(void) { return A_BLINK; }
static inline attr_t orgdeck_a_italic(void) { return A_ITALIC; }

// Wide-attribute macros (attr_t for setcchar/wattr_set).
static inline attr_t orgdeck_wa_normal(void) { return WA_NORMAL; }
static inline attr_t orgdeck_wa_bold(void) { return WA_BOLD; }
static inline attr_t orgdeck_wa_underline(void) { return WA_UNDERLINE; }
static inline attr_t orgdeck_wa_reverse(void) { return WA_REVERSE; }
static inline attr_t orgdeck_wa_dim(void) { return WA_DIM; }

// Function-key codes.
static inline int orgdeck_key_f(int n) { return KEY_F(n); }
static inline int orgdeck_key_resize(void) { return KEY_RESIZE; }
static inline int orgdeck_key_mouse(void) { return KEY_MOUSE; }

// Mouse masks are macros built from shifts that Swift may not import.
static inline mmask_t orgdeck_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t orgdeck_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t orgdeck_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t orgdeck_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t orgdeck_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

// setcchar with an int colour pair: passes the extended pair through `opts` so pairs above
// 32767 work (ncurses extension), and keeps the short argument zero as documented.
static inline int orgdeck_setcchar(cchar_t *wcval, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(wcval, wch, attrs, 0, &pair);
}

// stdio streams are globals too.
static inline FILE *orgdeck_stdout(void) { return stdout; }
static inline FILE *orgdeck_stdin(void) { return stdin; }

// Whether the current terminal can place the cursor (terminfo's `cup`): `tigetstr` answers
// NULL when the capability is absent and (char *)-1 when the name is not a string capability.
static inline int orgdeck_can_address(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

#endif
