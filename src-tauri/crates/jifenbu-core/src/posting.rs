//! Posting: the rules an entry or a reversal must meet to enter the ledger,
//! and its place at the end of the hash chain. The store loads a
//! [`Checker`] from a book (roster, rulebook versions, published quarters,
//! item sums, the chain's head) and writes what it returns; every decision
//! is taken here, so adding, batch entry, importing and objection rulings
//! all follow the same rules.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar;
use crate::entry::{correction_posting, ChainHash};
use crate::rulebook::{self, Cap, CapPeriod};
use crate::{
    parse, points, Entry, EntryDraft, EntryId, Field, Household, Item, Kind, Posting, Quarter, Refusal, Reversal,
    Rulebook,
};

/// Signed hundredths per item and posting slot (four quarters, then the
/// adjustment period), for one household and year.
pub type PeriodSums = [i64; 5];
type ItemSums = HashMap<String, PeriodSums>;

/// Where an entry comes from: keyed in by a clerk, or carrying a decision
/// (an upheld objection's ruling, the review panel's approval), which
/// stands in for the review an item may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Keyed,
    Decided,
}

/// Who records, and when: the same for every entry of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clerk {
    pub operator: String,
    /// RFC 3339 time of recording.
    pub recorded_at: String,
}

/// Where a deed keyed in goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Into the ledger at once.
    Post,
    /// Registered for the review panel (登记), posted once approved.
    Register,
}

/// Where a deed of `item` goes (the item as the rulebook in force on the
/// deed's date has it; none when unknown, which posting then refuses):
/// registered when the rulebook sends it to review, else posted at once.
/// Only a registration carries photos (`photos` of them). The one place
/// this is decided: the window's entry form, the batch, the command line's
/// `entry add` and `register` and both importers follow it.
pub fn route(item: Option<&Item>, photos: usize) -> Result<Route, Refusal> {
    match item {
        Some(item) if item.review => Ok(Route::Register),
        _ if photos > 0 => Err(Refusal::PhotosNeedReview),
        _ => Ok(Route::Post),
    }
}

/// What a batch reversed whole (冲销整批) undoes: its `entries` that still
/// count (`reversed`: the ids already undone), refused when none does.
pub fn batch_reversal(entries: Vec<Entry>, reversed: &HashSet<EntryId>) -> Result<Vec<Entry>, Refusal> {
    let counting = crate::entry::still_counting(entries, reversed);
    match counting.is_empty() {
        true => Err(Refusal::BatchReversed),
        false => Ok(counting),
    }
}

/// The rules as they stand in a book, and the end of its hash chain. It
/// holds no database, so an import can check on one thread while another
/// writes.
pub struct Checker {
    pub clerk: Clerk,
    /// Sequence number and hash of the last entry (0 and the genesis hash
    /// for an empty ledger).
    pub last_seq: i64,
    last_hash: ChainHash,
    households: HashMap<String, Household>,
    /// In import order; see [`rulebook::in_force`].
    rulebooks: Vec<Rulebook>,
    published: HashSet<Quarter>,
    /// Years closed (年度结算): nothing more posts in them.
    closed: HashSet<i32>,
    /// Per household and year, loaded before entries for them are checked.
    sums: HashMap<String, HashMap<i32, ItemSums>>,
}

impl Checker {
    /// A checker over what the store loaded; item sums are added with
    /// [`Checker::add_sum`] for the households and years to be checked.
    pub fn new(
        clerk: Clerk,
        (last_seq, last_hash): (i64, ChainHash),
        households: HashMap<String, Household>,
        rulebooks: Vec<Rulebook>,
        published: HashSet<Quarter>,
        closed: HashSet<i32>,
    ) -> Checker {
        Checker { clerk, last_seq, last_hash, households, rulebooks, published, closed, sums: HashMap::new() }
    }

    /// The day this checker records on (its clerk's time of recording).
    fn today(&self) -> NaiveDate {
        chrono::DateTime::parse_from_rfc3339(&self.clerk.recorded_at).map_or(NaiveDate::MAX, |t| t.date_naive())
    }

    /// Refuses a posting into a closed year.
    fn open_year(&self, posting: Posting) -> Result<Posting, Refusal> {
        match self.closed.contains(&posting.year()) {
            true => Err(Refusal::YearClosed(posting.year())),
            false => Ok(posting),
        }
    }

    /// Records that `household` got `cents` (signed hundredths) from `item`
    /// in `posting`, before this checker was made.
    pub fn add_sum(&mut self, household: &str, item: &str, posting: Posting, cents: i64) {
        let years = match self.sums.get_mut(household) {
            Some(years) => years,
            // Look up before inserting: cloning keys for `entry()` on every
            // call was a measurable share of an import.
            None => self.sums.entry(household.to_string()).or_default(),
        };
        let items = years.entry(posting.year()).or_default();
        let sums = match items.get_mut(item) {
            Some(sums) => sums,
            None => items.entry(item.to_string()).or_insert([0; 5]),
        };
        sums[usize::from(posting.slot() - 1)] += cents;
    }

    pub fn is_published(&self, quarter: Quarter) -> bool {
        self.published.contains(&quarter)
    }

    /// The entry a draft makes, or the rule it breaks. The sums of the
    /// draft's household and year must have been added (if it has any).
    pub fn check(&self, draft: EntryDraft) -> Result<Entry, Refusal> {
        let posting = Quarter::of(draft.date);
        self.open_year(posting.into())?;
        if self.published.contains(&posting) {
            return Err(Refusal::QuarterPublished(posting));
        }
        let date = draft.date;
        self.check_in(draft, posting.into(), date, Origin::Keyed)
    }

    /// Checks a registration (登记) as its entry would be checked, apart
    /// from where it would post and the item's cap, which are decided when
    /// the panel approves it: the household on the roster on the deed's
    /// date, the item in the rulebook then and the points it allows.
    pub fn check_registration(&self, draft: &EntryDraft) -> Result<(), Refusal> {
        calendar::happened("登记", draft.date, self.today())?;
        parse::text(Field::Note, &draft.note)?;
        self.household(&draft.household, draft.date)?;
        let item = self
            .item(draft, draft.date)?
            .ok_or_else(|| Refusal::UnknownItem { code: parse::quote(&draft.item), date: draft.date })?;
        if route(Some(item), 0)? == Route::Post {
            return Err(Refusal::NoReviewNeeded(item.code.clone()));
        }
        item.points_for(draft.qty, draft.points).map(drop)
    }

    /// The entry an approved registration makes (`draft` at its approved
    /// points): on its deed date while that quarter is open; otherwise as
    /// a correction to the deed's year made on the meeting's day
    /// ([`correction_posting`]), so it still counts in its own year.
    pub fn check_approval(&self, draft: EntryDraft, meeting: NaiveDate) -> Result<Entry, Refusal> {
        let own = Quarter::of(draft.date);
        self.open_year(own.into())?;
        let posting = match self.published.contains(&own) {
            false => own.into(),
            true => correction_posting(own.year, meeting, |q| self.published.contains(&q))?,
        };
        let date = draft.date;
        self.check_in(draft, posting, date, Origin::Decided)
    }

    /// The item a draft names in the rulebook in force on `as_of`, if any.
    fn item(&self, draft: &EntryDraft, as_of: NaiveDate) -> Result<Option<&Item>, Refusal> {
        let book = rulebook::in_force(&self.rulebooks, as_of, |b| b.effective_from)
            .ok_or(Refusal::NoRulebook { date: as_of })?;
        Ok(book.item(&draft.item))
    }

    /// The household `code`, refused unless it is on the roster on `as_of`.
    fn household(&self, code: &str, as_of: NaiveDate) -> Result<&Household, Refusal> {
        let Some(h) = self.households.get(code) else {
            return Err(Refusal::UnknownHousehold(parse::quote(code)));
        };
        if !h.is_active_on(as_of) {
            let show = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
            return Err(Refusal::HouseholdInactive {
                code: h.code.clone(),
                date: as_of,
                from: show(h.active_from),
                to: show(h.active_to),
            });
        }
        Ok(h)
    }

    /// An item added by a correction to `year` (an upheld objection's
    /// added items): it posts as every correction does
    /// ([`correction_posting`]), so it counts in `year`, under the roster
    /// and rulebook of `year`'s last day at the latest.
    pub fn check_correction(&self, draft: EntryDraft, year: i32) -> Result<Entry, Refusal> {
        self.open_year(Posting::Adjustment { year })?;
        let posting = correction_posting(year, draft.date, |q| self.published.contains(&q))?;
        let year_end = Quarter { year, q: 4 }.last_day();
        let as_of = draft.date.min(year_end);
        self.check_in(draft, posting, as_of, Origin::Decided)
    }

    /// The entry `draft` makes posted in `posting`, with the roster and the
    /// rulebook as of `as_of`.
    fn check_in(
        &self,
        draft: EntryDraft,
        posting: Posting,
        as_of: NaiveDate,
        origin: Origin,
    ) -> Result<Entry, Refusal> {
        let date = draft.date;
        calendar::happened("记录", date, self.today())?;
        parse::text(Field::Note, &draft.note)?;
        self.household(&draft.household, as_of)?;
        let item = self
            .item(&draft, as_of)?
            .ok_or_else(|| Refusal::UnknownItem { code: parse::quote(&draft.item), date: as_of })?;
        if origin == Origin::Keyed && route(Some(item), 0)? == Route::Register {
            return Err(Refusal::NeedsReview(item.code.clone()));
        }
        let points = item.points_for(draft.qty, draft.points)?;
        self.check_cap(&draft.household, item, posting, points)?;
        Ok(Entry {
            seq: 0,
            id: draft.id.unwrap_or_default(),
            household: draft.household,
            item_code: item.code.clone(),
            item_name: item.name.clone(),
            kind: item.kind,
            veto: item.veto,
            qty: draft.qty,
            points,
            date,
            posting,
            note: match draft.note.trim() {
                trimmed if trimmed.len() == draft.note.len() => draft.note,
                trimmed => trimmed.to_string(),
            },
            operator: self.clerk.operator.clone(),
            recorded_at: self.clerk.recorded_at.clone(),
            reverses: None,
            hash: ChainHash::default(),
        })
    }

    /// The reversal entry that cancels `original` (`None`: no such entry),
    /// which `reversed_by` has already cancelled if it is `Some`.
    pub fn reverse(
        &self,
        reversal: &Reversal,
        original: Option<Entry>,
        reversed_by: Option<EntryId>,
    ) -> Result<Entry, Refusal> {
        calendar::happened("冲销", reversal.date, self.today())?;
        let reason = reversal.reason.trim();
        if reason.is_empty() {
            return Err(Refusal::ReasonRequired);
        }
        parse::text(Field::Reason, reason)?;
        let original = original.ok_or_else(|| Refusal::UnknownEntry(parse::quote(&reversal.entry)))?;
        if original.is_reversal() {
            return Err(Refusal::ReversalOfReversal(original.id));
        }
        if let Some(by) = reversed_by {
            return Err(Refusal::AlreadyReversed { id: original.id, by });
        }
        self.open_year(original.posting)?;
        let posting = self.open_year(reversal.posting(original.posting, |q| self.published.contains(&q))?)?;
        Ok(Entry {
            seq: 0,
            id: EntryId::new(),
            points: -original.points,
            date: reversal.date,
            posting,
            note: reason.to_string(),
            operator: self.clerk.operator.clone(),
            recorded_at: self.clerk.recorded_at.clone(),
            reverses: Some(original.id),
            hash: ChainHash::default(),
            ..original
        })
    }

    fn check_cap(&self, household: &str, item: &Item, posting: Posting, points: Decimal) -> Result<(), Refusal> {
        let Some(cap) = item.cap else { return Ok(()) };
        let per_period = self
            .sums
            .get(household)
            .and_then(|years| years.get(&posting.year()))
            .and_then(|sums| sums.get(&item.code))
            .copied()
            .unwrap_or_default();
        CapUse::new(cap, item.kind, per_period, posting).allows(item, points)
    }

    /// Puts a checked entry at the end of the chain and counts it in the sums.
    pub fn chain(&mut self, mut entry: Entry) -> Entry {
        entry.seq = self.last_seq + 1;
        entry.hash = entry.chain_hash(&self.last_hash);
        self.add_sum(&entry.household, &entry.item_code, entry.posting, points::to_cents(entry.points));
        self.last_seq = entry.seq;
        self.last_hash = entry.hash;
        entry
    }
}

/// A household's use of one item's cap in one period, in hundredths.
pub struct CapUse {
    cap: CapPeriod,
    cap_c: i64,
    used_c: i64,
}

impl CapUse {
    /// From the signed hundredths the household got from an item of `kind`
    /// in each period of `posting`'s year (the adjustment period counts as
    /// a quarter of its own). What counts is the net in the item's own
    /// direction, never below nothing: a reversal posted in a later quarter
    /// gives that quarter's allowance back, not takes it.
    pub fn new(cap: Cap, kind: Kind, per_period: PeriodSums, posting: Posting) -> CapUse {
        let signed_used: i64 = match cap.per {
            CapPeriod::Quarter => per_period[usize::from(posting.slot() - 1)],
            CapPeriod::Year => per_period.iter().sum(),
        };
        let used_c = match kind {
            Kind::Add => signed_used,
            Kind::Deduct => -signed_used,
        };
        CapUse { cap: cap.per, cap_c: points::to_cents(cap.points), used_c: used_c.max(0) }
    }

    /// The allowance left.
    pub fn left(&self) -> Decimal {
        points::from_cents((self.cap_c - self.used_c).max(0))
    }

    /// Whether `points` more of `item` fit, or the refusal saying what is left.
    fn allows(&self, item: &Item, points: Decimal) -> Result<(), Refusal> {
        let wanted = points::to_cents(points).abs();
        if wanted <= self.cap_c - self.used_c {
            return Ok(());
        }
        Err(Refusal::CapExceeded {
            code: item.code.clone(),
            name: item.name.clone(),
            period: self.cap.chinese().to_string(),
            period_word: match self.cap {
                CapPeriod::Quarter => "本季度",
                CapPeriod::Year => "本年度",
            }
            .to_string(),
            cap: points::format(points::from_cents(self.cap_c)),
            used: points::format(points::from_cents(self.used_c)),
            left: points::format(self.left()),
            wanted: points::format(points::from_cents(wanted)),
        })
    }
}
