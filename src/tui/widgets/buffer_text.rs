//! A drawn buffer as lines of text, for what the CLI prints with the TUI's drawing code
//! (`lms report timeline`): plain, or with ANSI SGR colour for a terminal. The colour
//! codes are ours; the cells' text goes through `report::output_safety` like every
//! report's, whatever a widget put in them.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::report::output_safety;

/// Row `y` of `buf` as text, trailing blanks dropped. With `ansi`, each change of colour
/// or emphasis is an SGR sequence and the line ends reset.
#[must_use]
pub fn line(buf: &Buffer, y: u16, ansi: bool) -> String {
    let area = buf.area;
    let mut out = String::new();
    // Compared as the codes they print: a cell's default style names the terminal's
    // default colours, which print the same as no style at all.
    let reset = sgr(Style::default());
    let mut current = reset.clone();
    let mut skip = 0usize;
    let mut cells: Vec<(Style, &str)> = Vec::new();
    for x in area.left()..area.right() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let cell = &buf[(x, y)];
        let symbol = cell.symbol();
        // A wide character's second column holds nothing of its own.
        skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        cells.push((cell.style(), symbol));
    }
    while cells
        .last()
        .is_some_and(|(s, c)| c.trim().is_empty() && !visible_blank(*s))
    {
        cells.pop();
    }
    for (style, symbol) in cells {
        let codes = sgr(style);
        if ansi && codes != current {
            out.push_str(&codes);
            current = codes;
        }
        out.push_str(&output_safety::people(symbol));
    }
    if ansi && current != reset {
        out.push_str(&reset);
    }
    out
}

/// Every row of `buf`, as [`line`] gives them.
#[must_use]
pub fn lines(buf: &Buffer, ansi: bool) -> Vec<String> {
    (buf.area.top()..buf.area.bottom())
        .map(|y| line(buf, y, ansi))
        .collect()
}

/// A blank that shows (reversed: the selection).
fn visible_blank(style: Style) -> bool {
    style.add_modifier.contains(Modifier::REVERSED)
}

/// The SGR sequence that sets `style` from scratch.
fn sgr(style: Style) -> String {
    let mut codes = vec!["0".to_owned()];
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_owned());
        }
    }
    if let Some(fg) = style.fg.and_then(color) {
        codes.push(fg);
    }
    let mut s = String::from("\x1b[");
    let _ = write!(s, "{}m", codes.join(";"));
    s
}

/// The foreground code of `c` (the 16 named colours; others as 256-colour or RGB).
fn color(c: Color) -> Option<String> {
    let basic = |n: u8| Some(n.to_string());
    match c {
        Color::Reset => None,
        Color::Black => basic(30),
        Color::Red => basic(31),
        Color::Green => basic(32),
        Color::Yellow => basic(33),
        Color::Blue => basic(34),
        Color::Magenta => basic(35),
        Color::Cyan => basic(36),
        Color::Gray => basic(37),
        Color::DarkGray => basic(90),
        Color::LightRed => basic(91),
        Color::LightGreen => basic(92),
        Color::LightYellow => basic(93),
        Color::LightBlue => basic(94),
        Color::LightMagenta => basic(95),
        Color::LightCyan => basic(96),
        Color::White => basic(97),
        Color::Indexed(i) => Some(format!("38;5;{i}")),
        Color::Rgb(r, g, b) => Some(format!("38;2;{r};{g};{b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn plain_and_coloured_lines() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
        buf.set_string(0, 0, "ab", Style::default().fg(Color::Green));
        buf.set_string(2, 0, "界c", Style::default());
        assert_eq!(line(&buf, 0, false), "ab界c");
        assert_eq!(line(&buf, 0, true), "\x1b[0;32mab\x1b[0m界c");
        assert_eq!(line(&buf, 1, true), "");
        buf.set_string(0, 1, "x", Style::default().add_modifier(Modifier::BOLD));
        assert_eq!(lines(&buf, true)[1], "\x1b[0;1mx\x1b[0m");
    }

    /// A cell holding a control or bidi character (set directly, as `set_string` would
    /// drop it) prints as the TUI shows it, between our own colour codes.
    #[test]
    fn cell_text_is_neutralised_and_the_colour_codes_stay() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let red = Style::default().fg(Color::Red);
        buf[(0, 0)].set_symbol("\x1b").set_style(red);
        buf[(1, 0)].set_symbol("\u{9b}");
        buf[(2, 0)].set_symbol("\u{202e}");
        buf[(3, 0)].set_symbol("a");
        assert_eq!(
            line(&buf, 0, true),
            "\x1b[0;31m\u{FFFD}\x1b[0m\u{FFFD}\u{FFFD}a"
        );
        assert_eq!(line(&buf, 0, false), "\u{FFFD}\u{FFFD}\u{FFFD}a");
    }
}
