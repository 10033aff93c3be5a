//! What the front end matches a clerk's typing against: pinyin initials
//! (`zsf` finds 张三丰) and full pinyin (`yiwu` finds 义务劳动).

use pinyin::{ToPinyin, ToPinyinMulti};

/// Per character, every initial it may be read with: a heteronym such as
/// 曾 (zeng/ceng) gives "zc", so both spellings a clerk might type match.
/// Letters and digits stand for themselves, lower-cased.
pub fn initials(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c.to_pinyin_multi() {
            Some(readings) => {
                let mut letters = String::new();
                for p in readings {
                    let first = p.first_letter();
                    if !letters.contains(first) {
                        letters.push_str(first);
                    }
                }
                letters
            }
            None => c.to_lowercase().collect(),
        })
        .collect()
}

/// The text in toneless pinyin, each character by its common reading, with
/// other characters kept as they are (lower-cased).
pub fn spelling(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => p.plain().to_string(),
            None => c.to_lowercase().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names_and_heteronyms() {
        assert_eq!(initials("张三丰"), ["z", "s", "f"]);
        assert!(initials("曾")[0].contains('z') && initials("曾")[0].contains('c'));
        assert_eq!(initials("A05 李喆"), ["a", "0", "5", "l", "z"]);
    }

    #[test]
    fn spelling_is_toneless() {
        assert_eq!(spelling("义务劳动"), "yiwulaodong");
        assert_eq!(spelling("王堃"), "wangkun");
    }
}
