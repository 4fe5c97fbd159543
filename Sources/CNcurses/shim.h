#ifndef UNROLL_CNCURSES_SHIM_H
#define UNROLL_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <pthread.h>
#include <termios.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>

/* Wrappers for the macros and globals Swift cannot use directly. Only UnrollTerminal includes this. */

static inline int unroll_lines(void) { return LINES; }
static inline int unroll_cols(void) { return COLS; }
static inline int unroll_colors(void) { return COLORS; }
static inline int unroll_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *unroll_stdscr(void) { return stdscr; }
static inline int unroll_err(void) { return ERR; }
static inline int unroll_ok(void) { return OK; }
static inline int unroll_key_code_yes(void) { return KEY_CODE_YES; }

static inline attr_t unroll_a_normal(void) { return A_NORMAL; }
static inline attr_t unroll_a_bold(void) { return A_BOLD; }
static inline attr_t unroll_a_dim(void) { return A_DIM; }
static inline attr_t unroll_a_reverse(void) { return A_REVERSE; }
static inline attr_t unroll_a_underline(void) { return A_UNDERLINE; }

static inline int unroll_key_left(void) { return KEY_LEFT; }
static inline int unroll_key_right(void) { return KEY_RIGHT; }
static inline int unroll_key_up(void) { return KEY_UP; }
static inline int unroll_key_down(void) { return KEY_DOWN; }
static inline int unroll_key_home(void) { return KEY_HOME; }
static inline int unroll_key_end(void) { return KEY_END; }
static inline int unroll_key_ppage(void) { return KEY_PPAGE; }
static inline int unroll_key_npage(void) { return KEY_NPAGE; }
static inline int unroll_key_enter(void) { return KEY_ENTER; }
static inline int unroll_key_backspace(void) { return KEY_BACKSPACE; }
static inline int unroll_key_resize(void) { return KEY_RESIZE; }
static inline int unroll_key_mouse(void) { return KEY_MOUSE; }
static inline int unroll_key_btab(void) { return KEY_BTAB; }

/* Sets the locale from the environment; returns 1 when its codeset is UTF-8. */
static inline int unroll_setlocale_is_utf8(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (!cs) return 0;
    return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0;
}

/* Draws one character (a Unicode scalar) with attributes and a colour pair at (y, x). */
static inline int unroll_put(int y, int x, unsigned int codepoint, attr_t attrs, int pair) {
    wchar_t wc[2] = { (wchar_t)codepoint, 0 };
    cchar_t cc;
    int p = pair;
    if (setcchar(&cc, wc, attrs, (short)(pair <= 32767 ? pair : 0), &p) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

/* Enables reporting of left-button presses/clicks; returns 1 if the terminal supports a mouse. */
static inline int unroll_enable_mouse(void) {
    mouseinterval(0);
    return mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL) != 0;
}

/* Reads a pending mouse event; returns 1 for a left click at (*x, *y). */
static inline int unroll_mouse_click(int *x, int *y) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return 0;
    *x = ev.x; *y = ev.y;
    return (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}

/* ---- Signals and restoration: the handler only stores into a sig_atomic_t. ---- */

static volatile sig_atomic_t unroll_pending_signal = 0;
static volatile sig_atomic_t unroll_curses_active = 0;

static void unroll_on_signal(int sig) { unroll_pending_signal = sig; }

/* Installs a handler that only records the signal for every signal whose default action ends the
   program without a core dump: SIGINT, SIGTERM, SIGHUP, SIGQUIT (Ctrl-\\ outside raw mode; the Swift
   runtime would otherwise print a backtrace), SIGUSR1/2, SIGALRM, SIGPIPE, SIGVTALRM, SIGPROF,
   SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT and the real-time signals. The main loop (or a
   training loop) polls it, restores the terminal and exits. */
static inline void unroll_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = unroll_on_signal;
    sigemptyset(&sa.sa_mask);
    static const int recorded[] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM, SIGPROF,
        SIGXCPU, SIGXFSZ,
#ifdef SIGIO
        SIGIO,
#endif
#ifdef SIGPWR
        SIGPWR,
#endif
#ifdef SIGSTKFLT
        SIGSTKFLT,
#endif
    };
    /* A parent may have started us with signals blocked (a test runner's thread, say): unblock
       the ones handled here, or they would never arrive. */
    sigset_t unblock;
    sigemptyset(&unblock);
    for (size_t i = 0; i < sizeof recorded / sizeof recorded[0]; i++) {
        sigaction(recorded[i], &sa, NULL);
        sigaddset(&unblock, recorded[i]);
    }
#ifdef SIGRTMIN
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++) { sigaction(sig, &sa, NULL); sigaddset(&unblock, sig); }
#endif
    sigaddset(&unblock, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
}

/* ---- Crashes: a trap (SIGILL/SIGTRAP), SIGSEGV, SIGBUS, SIGFPE or SIGABRT while the screen is up
   restores the terminal with async-signal-safe calls only (tcsetattr to the modes saved before
   curses started, write() of the reset sequences), then re-raises so the crash is still reported. */

#define UNROLL_RESET_SEQUENCE "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1l\033>\033[?1049l"

static inline struct termios *unroll_saved_termios(void) {
    static struct termios saved;
    return &saved;
}
static volatile sig_atomic_t unroll_termios_saved = 0;

static void unroll_on_crash(int sig) {
    if (unroll_curses_active) {
        /* Mouse reporting off, attributes reset, cursor shown, cursor keys and keypad back to
           normal mode, alternate screen left. */
        static const char reset[] = UNROLL_RESET_SEQUENCE "\r\n";
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
        if (unroll_termios_saved) tcsetattr(STDIN_FILENO, TCSANOW, unroll_saved_termios());
        unroll_curses_active = 0;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Saves the terminal modes (call before initscr) and installs the crash handlers. */
static inline void unroll_install_crash_handlers(void) {
    if (tcgetattr(STDIN_FILENO, unroll_saved_termios()) == 0) unroll_termios_saved = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = unroll_on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGSYS, &sa, NULL);
}

/* Returns the last signal received (0 if none) without clearing it. */
static inline int unroll_peek_signal(void) { return (int)unroll_pending_signal; }

/* Returns and clears the last signal received (0 if none). */
static inline int unroll_take_signal(void) {
    int s = (int)unroll_pending_signal;
    unroll_pending_signal = 0;
    return s;
}

static inline void unroll_set_active(int on) { unroll_curses_active = on; }
static inline int unroll_is_active(void) { return (int)unroll_curses_active; }

/* Leaves curses mode if it is active: cursor visible, terminal modes restored. Idempotent. */
static inline void unroll_restore(void) {
    if (!unroll_curses_active) return;
    unroll_curses_active = 0;
    mousemask(0, NULL);
    curs_set(1);
    keypad(stdscr, FALSE);
    endwin();
    /* endwin leaves the keypad and cursor keys in application mode on some terminals. */
    static const char keys[] = "\033[?1l\033>";
    ssize_t ignored = write(STDOUT_FILENO, keys, sizeof keys - 1);
    (void)ignored;
}

/* ---- Starting: check the terminal type first, so ncurses never exits the process itself. ---- */

/* 0: usable; 1: TERM unset or empty; 2: no terminfo entry for TERM; 3: no terminfo database;
   4: a hardcopy or dumb terminal that cannot move the cursor. */
static inline int unroll_check_terminal(void) {
    const char *term = getenv("TERM");
    if (!term || !*term) return 1;
    int err = 0;
    if (setupterm((char *)0, STDOUT_FILENO, &err) != OK) {
        if (err == 1) return 4;
        if (err == -1) return 3;
        return 2;
    }
    const char *cup = tigetstr("cup");
    int usable = cup && cup != (char *)-1 && !tigetflag("hc");
    del_curterm(cur_term);
    return usable ? 0 : 4;
}

/* Starts curses on stdin/stdout; returns 0 when the terminal cannot be opened (instead of exiting). */
static inline int unroll_start_curses(void) {
    SCREEN *screen = newterm((char *)0, stdout, stdin);
    if (!screen) return 0;
    set_term(screen);
    return 1;
}

/* ---- Size and end of input, for terminals that send no signal (no controlling terminal). ---- */

/* Reads the size from the output terminal itself; resizes curses when it changed. Returns 1 then. */
static inline int unroll_sync_size(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    if (ws.ws_row == LINES && ws.ws_col == COLS) return 0;
    resizeterm(ws.ws_row, ws.ws_col);
    return 1;
}

/* 2: standard input has hung up or is gone (POLLHUP/POLLERR/POLLNVAL); 1: readable; 0: neither. */
static inline int unroll_input_state(void) {
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    if (poll(&p, 1, 0) < 0) return 0;
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 2;
    return (p.revents & POLLIN) ? 1 : 0;
}

static inline int unroll_key_f1(void) { return KEY_F(1); }

static void unroll_atexit_restore(void) { unroll_restore(); }

/* Registers the restore function with atexit once. */
static inline void unroll_register_atexit(void) {
    static int done = 0;
    if (!done) { done = 1; atexit(unroll_atexit_restore); }
}

#endif
