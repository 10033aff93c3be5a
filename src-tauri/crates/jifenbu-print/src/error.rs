use thiserror::Error;

/// Why a printout was not made. Nothing is printed rather than a wrong page.
#[derive(Debug, Error)]
pub enum Error {
    #[error(
        "户号 {household}（户主 {head}）名字里的「{ch}」（U+{code:04X}）两种打印字库里都没有，印出来会是空框，所以没有生成文件。\
         请核对花名册里这个字是否录错（例如误用了造字区的字符）"
    )]
    NameGlyph { household: String, head: String, ch: char, code: u32 },

    #[error("{what}里的「{ch}」（U+{code:04X}）两种打印字库里都没有，印出来会是空框，所以没有生成文件")]
    Glyph { what: String, ch: char, code: u32 },

    /// A font file missing or unreadable: the sentence says which and where.
    #[error("{0}")]
    Fonts(String),

    #[error("表格太宽，横排也放不下（需要 {needed:.0} 点宽）：请不用大字版，或改用 A3 纸")]
    TooWide { needed: f32 },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Refuses `text` if the fonts cannot draw one of its characters.
pub(crate) fn check(text: &str, what: impl FnOnce() -> String) -> Result<()> {
    match crate::fonts::Fonts::get().missing(text) {
        Some(ch) => Err(Error::Glyph { what: what(), ch, code: ch as u32 }),
        None => Ok(()),
    }
}

/// Refuses a household head's name the fonts cannot draw, naming the household.
pub(crate) fn check_name(household: &str, head: &str) -> Result<()> {
    match crate::fonts::Fonts::get().missing(head) {
        Some(ch) => Err(Error::NameGlyph { household: household.into(), head: head.into(), ch, code: ch as u32 }),
        None => Ok(()),
    }
}
