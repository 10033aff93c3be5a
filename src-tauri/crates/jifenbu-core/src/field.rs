//! The fields a clerk fills in, named once. A refusal says which field it is
//! about ([`crate::Refusal::field`]); an importer turns that into a column,
//! the app marks that box. The app's TypeScript gets this enum generated
//! (feature `ts`), so the window and the core cannot disagree on a name.

use serde::{Deserialize, Serialize};

/// A field of an entry, a household, a reversal or a form around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Field {
    // An entry (and the entries file's columns).
    Household,
    Item,
    Date,
    Qty,
    Points,
    Note,
    Id,
    /// The households ticked for a batch.
    Households,
    /// A reversal's or a ruling's reason.
    Reason,
    Quarter,
    // A household (and the roster's columns).
    Code,
    Head,
    Group,
    Members,
    Address,
    Phone,
    ActiveFrom,
    ActiveTo,
    // The app's own forms.
    Operator,
    Village,
    /// Who signs the notice (发布单位).
    Issuer,
    /// Where objections go (异议受理).
    ObjectionsTo,
    Rulebook,
    File,
    /// Who registered a deed for review (登记人).
    By,
}

impl Field {
    pub const ALL: [Field; 25] = [
        Field::Household,
        Field::Item,
        Field::Date,
        Field::Qty,
        Field::Points,
        Field::Note,
        Field::Id,
        Field::Households,
        Field::Reason,
        Field::Quarter,
        Field::Code,
        Field::Head,
        Field::Group,
        Field::Members,
        Field::Address,
        Field::Phone,
        Field::ActiveFrom,
        Field::ActiveTo,
        Field::Operator,
        Field::Village,
        Field::Issuer,
        Field::ObjectionsTo,
        Field::Rulebook,
        Field::File,
        Field::By,
    ];

    /// The field's key: its serialized name, which is also the English
    /// heading of its column in the files clerks bring in.
    pub fn key(self) -> &'static str {
        match self {
            Field::Household => "household",
            Field::Item => "item",
            Field::Date => "date",
            Field::Qty => "qty",
            Field::Points => "points",
            Field::Note => "note",
            Field::Id => "id",
            Field::Households => "households",
            Field::Reason => "reason",
            Field::Quarter => "quarter",
            Field::Code => "code",
            Field::Head => "head",
            Field::Group => "group",
            Field::Members => "members",
            Field::Address => "address",
            Field::Phone => "phone",
            Field::ActiveFrom => "active_from",
            Field::ActiveTo => "active_to",
            Field::Operator => "operator",
            Field::Village => "village",
            Field::Issuer => "issuer",
            Field::ObjectionsTo => "objections_to",
            Field::Rulebook => "rulebook",
            Field::File => "file",
            Field::By => "by",
        }
    }

    /// The field's Chinese name, as forms and file headings write it.
    pub fn chinese(self) -> &'static str {
        match self {
            Field::Household | Field::Code => "户号",
            Field::Item => "项目",
            Field::Date => "日期",
            Field::Qty => "数量",
            Field::Points => "分值",
            Field::Note => "备注",
            Field::Id => "编号",
            Field::Households => "农户",
            Field::Reason => "理由",
            Field::Quarter => "季度",
            Field::Head => "户主",
            Field::Group => "村民小组",
            Field::Members => "人口",
            Field::Address => "地址",
            Field::Phone => "电话",
            Field::ActiveFrom => "迁入日期",
            Field::ActiveTo => "迁出日期",
            Field::Operator => "录入人",
            Field::Village => "村名",
            Field::Issuer => "发布单位",
            Field::ObjectionsTo => "异议受理",
            Field::Rulebook => "积分规则",
            Field::File => "文件",
            Field::By => "登记人",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_serialized_names() {
        for f in Field::ALL {
            assert_eq!(toml::Value::try_from(f).unwrap().as_str(), Some(f.key()), "{f:?}");
        }
    }
}
