//! QR codes as text: the module matrix of a short text (an `otpauth://` URI), and its rows drawn
//! with Unicode half blocks, two rows of modules to a line of text, so that a phone can read it
//! off a terminal.

/// A QR code's modules, row by row, with a quiet zone of light modules around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    /// `true` for a dark module.
    dark: Vec<bool>,
}

/// Light modules around the code (the standard asks for four; two read well off a screen and
/// keep the code within an 80×24 terminal).
const QUIET: usize = 2;

impl QrMatrix {
    /// The code of `text` at the lowest error correction (a screen is not a worn label, and a
    /// smaller code fits a small terminal); `None` if the text is too long for any QR code.
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L)
            .ok()?;
        let inner = code.width();
        let modules = code.to_colors();
        let width = inner + 2 * QUIET;
        let mut dark = vec![false; width * width];
        for y in 0..inner {
            for x in 0..inner {
                dark[(y + QUIET) * width + x + QUIET] =
                    modules[y * inner + x] == qrcode::Color::Dark;
            }
        }
        Some(QrMatrix { width, dark })
    }

    /// Modules across (and down), quiet zone included.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Lines of text the code takes when drawn with half blocks.
    pub fn height_in_lines(&self) -> usize {
        self.width.div_ceil(2)
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        y < self.width && self.dark[y * self.width + x]
    }

    /// The code as lines of text, two module rows to a line: `█` both dark, `▀` the upper,
    /// `▄` the lower, a space neither. Drawn dark on a light background (the quiet zone is
    /// spaces, so the background must be light).
    pub fn half_block_lines(&self) -> Vec<String> {
        (0..self.width)
            .step_by(2)
            .map(|y| {
                (0..self.width)
                    .map(|x| match (self.is_dark(x, y), self.is_dark(x, y + 1)) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_square_with_its_quiet_zone_and_drawn_in_half_lines() {
        let q = QrMatrix::encode("otpauth://totp/casenotes:adviser1?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=casenotes")
            .unwrap();
        assert_eq!((q.width() - 2 * QUIET - 17) % 4, 0, "a QR version's size");
        let lines = q.half_block_lines();
        assert_eq!(lines.len(), q.height_in_lines());
        assert!(lines.iter().all(|l| l.chars().count() == q.width()));
        // The quiet zone is light all round; the finder pattern's corner is dark.
        assert!(lines[0].chars().all(|c| c == ' '));
        assert_eq!(lines[1].chars().nth(QUIET), Some('█'));
        // An 80×24 terminal has room for it beside a column of text.
        assert!(
            q.width() <= 41 && q.height_in_lines() <= 21,
            "{}",
            q.width()
        );
    }
}
