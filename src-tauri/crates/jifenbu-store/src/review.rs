//! 积分评议 in the book: the people who act in the scheme, registrations
//! awaiting review (with their photos) and the meetings that decide them.
//! The rules are the core's (`jifenbu_core::review`, `Checker`); an
//! approval posts through the same checker and hash chain as any entry,
//! labelled with its meeting. It keeps the tables of people (`people`,
//! `retirements`), registrations (`registrations`, `registration_photos`,
//! `photos`) and meetings (`meetings`, `decisions`).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use jifenbu_core::import::{self, EntryRows, Text};
use jifenbu_core::posting::Route;
use jifenbu_core::review::{
    self, Decision, Listed, Minutes, Pending, People, Person, Registration, ReviewSheet, Role, Verdict,
};
use jifenbu_core::{points, EntryDraft, EntryId, Quarter, Refusal};
use rusqlite::{Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::clock::{date_of, now, today};
use crate::error::Result;
use crate::imports::{self, Imports};
use crate::ledger::sums::load_sums;
use crate::ledger::Writer;
use crate::photo::Photo;
use crate::posting::load_checker;
use crate::rulebooks::rulebook_on;
use crate::Book;

/// The newest of the registrations (by `id`), and how many were added after
/// one: what a backup would lose.
pub(crate) const ADDED_AFTER: [&str; 2] =
    ["SELECT MAX(id) FROM registrations", "SELECT COUNT(*) FROM registrations WHERE id > ?1"];

/// How a registration keyed in by hand is labelled (an import by its file).
const REGISTERED: &str = "登记";

/// A review meeting (评议会) as recorded: final once saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// 第 N 次.
    pub id: i64,
    pub date: NaiveDate,
    pub members: Vec<String>,
    /// Active panel members that day, and the quorum it needed.
    pub panel: usize,
    pub quorum: usize,
    pub operator: String,
    pub recorded_at: String,
    /// What it decided, in the order keyed in.
    pub registrations: Vec<Registration>,
}

impl Book {
    /// Adds a person to the book's list.
    pub fn add_person(&mut self, person: &Person, operator: &str) -> Result<Person> {
        let person = review::person_given(person)?;
        self.write(|tx| {
            People(&people(tx)?).joining(&person)?;
            tx.execute(
                "INSERT INTO people (name, role, grp, phone, operator, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (&person.name, person.role.as_str(), &person.group, &person.phone, operator.trim(), now()),
            )?;
            Ok(person)
        })
    }

    /// Everyone the book lists, in the order they were added.
    pub fn people(&self) -> Result<Vec<Person>> {
        people(&self.conn)
    }

    /// Marks every active role of `name` 停用; returns the roles retired.
    pub fn retire_person(&mut self, name: &str, operator: &str) -> Result<Vec<Person>> {
        let name = name.trim();
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "SELECT p.id FROM people p WHERE p.name = ?1
                   AND NOT EXISTS (SELECT 1 FROM retirements r WHERE r.person = p.id) ORDER BY p.id",
            )?;
            let ids: Vec<i64> = stmt.query_map([name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            drop(stmt);
            People(&people(tx)?).retiring(name)?;
            let at = now();
            for id in &ids {
                tx.execute(
                    "INSERT INTO retirements (person, operator, recorded_at) VALUES (?1, ?2, ?3)",
                    (id, operator.trim(), &at),
                )?;
            }
            Ok(people(tx)?.into_iter().filter(|p| p.name == name).collect())
        })
    }

    /// Registers a proposed entry (登记) made by `by`, with its photos
    /// (already prepared, see [`crate::prepare_photo`]). It enters no ledger.
    pub fn register(&mut self, draft: &EntryDraft, by: &str, photos: &[Photo], operator: &str) -> Result<Registration> {
        review::photos_allowed(photos.len())?;
        self.write(|tx| {
            let by = People(&people(tx)?).registrar(by)?;
            load_checker(tx, operator)?.check_registration(draft)?;
            let id = insert_registration(tx, draft, &by, REGISTERED, operator)?;
            for photo in photos {
                tx.execute(
                    "INSERT OR IGNORE INTO photos (hash, data, taken_at, width, height) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (photo.hash, &photo.jpeg, &photo.taken_at, photo.width, photo.height),
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO registration_photos (registration, photo) VALUES (?1, ?2)",
                    (id, photo.hash),
                )?;
            }
            registration(tx, id)
        })
    }

    /// Registers every row of an entries file (the entries file's format),
    /// all of them or, when any row is refused, none. A file registered
    /// before is refused whole.
    pub fn import_registrations(&mut self, mut text: Text<'_>, by: &str, operator: &str) -> Result<Vec<i64>> {
        let file_name = &text.name().to_string();
        let sha256 = text.sha256()?;
        let rows = EntryRows::open(text)?;
        self.write(|tx| {
            import::first_import(file_name, imports::imported_before(tx, Imports::Registrations, &sha256)?)?;
            let by = People(&people(tx)?).registrar(by)?;
            let checker = load_checker(tx, operator)?;
            let headings = rows.headings().clone();
            let (mut errors, mut drafts) = (Vec::new(), Vec::new());
            for row in rows {
                match row {
                    Err(mut mistakes) => errors.append(&mut mistakes),
                    Ok(row) => match checker.check_registration(&row.draft) {
                        Ok(()) => drafts.push(row.draft),
                        Err(r) => errors.push(headings.error_for(row.line, r.field(), r.to_string())),
                    },
                }
                if errors.len() >= import::MAX_REPORTED {
                    break;
                }
                review::imported_allowed(drafts.len())?;
            }
            if !errors.is_empty() {
                return Err(jifenbu_core::Error::Input(errors).into());
            }
            let ids = drafts
                .iter()
                .map(|d| insert_registration(tx, d, &by, file_name, operator))
                .collect::<Result<Vec<_>>>()?;
            imports::record(tx, Imports::Registrations, &sha256, file_name, operator, ids.len())?;
            Ok(ids)
        })
    }

    /// Registrations, oldest first: all, or only those awaiting review.
    pub fn registrations(&self, pending_only: bool) -> Result<Vec<Registration>> {
        let filter = if pending_only { "WHERE d.registration IS NULL" } else { "" };
        registrations_where(&self.conn, filter, &[])
    }

    /// How many registrations await review.
    pub fn pending_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.registration = r.id)",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Where `draft`, keyed in with `photos` photos, goes: the core's
    /// `posting::route` over its item in the rulebook in force on its date.
    pub fn route(&self, draft: &EntryDraft, photos: usize) -> Result<Route> {
        let in_force = rulebook_on(&self.conn, draft.date)?;
        Ok(jifenbu_core::posting::route(in_force.rulebook.item(&draft.item), photos)?)
    }

    /// One household's registrations, oldest first.
    pub fn registrations_of(&self, household: &str) -> Result<Vec<Registration>> {
        registrations_where(&self.conn, "WHERE r.household = ?1", &[&household])
    }

    /// Holds a review meeting: checks who is present against the panel and
    /// the quorum, and every outcome; then records the meeting, its
    /// decisions and, for each approval, its ledger entry, all in one
    /// transaction.
    pub fn review(
        &mut self,
        date: NaiveDate,
        members: &[String],
        verdicts: &[Verdict],
        operator: &str,
    ) -> Result<Meeting> {
        self.write(|tx| review_in(tx, date, members, verdicts, operator))
    }

    /// The meeting `id` with what it decided.
    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        meeting(&self.conn, id)
    }

    /// Every meeting, oldest first, without their registrations.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        let mut stmt = self.conn.prepare("SELECT id FROM meetings ORDER BY id")?;
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| meeting_row(&self.conn, id)).collect()
    }

    /// A stored photo's JPEG bytes, by its key (hex).
    pub fn photo(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let Ok(hash) = hex::decode(key.trim()) else { return Ok(None) };
        Ok(self.conn.query_row("SELECT data FROM photos WHERE hash = ?1", [hash], |r| r.get(0)).optional()?)
    }
}

fn review_in(
    tx: &Connection,
    date: NaiveDate,
    members: &[String],
    verdicts: &[Verdict],
    operator: &str,
) -> Result<Meeting> {
    let people = people(tx)?;
    let rule = rulebook_on(tx, date)?.rulebook.review_quorum;
    let present = People(&people).meeting(members, rule)?;
    let panel = People(&people).panel().count();
    let mut decided = HashMap::new();
    for v in verdicts {
        if let Some(r) = registration_opt(tx, v.registration())? {
            decided.insert(r.id, r);
        }
    }
    review::check_verdicts(date, today(), verdicts, |id| decided.get(&id))?;
    tx.execute(
        "INSERT INTO meetings (date, members, panel, quorum, operator, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            date.to_string(),
            present.join("、"),
            panel as i64,
            review::quorum(rule, panel) as i64,
            operator.trim(),
            now(),
        ),
    )?;
    let id = tx.last_insert_rowid();
    let mut checker = load_checker(tx, operator)?;
    let mut writer = Writer::new(tx, &checker, &format!("评议会第{id}号"))?;
    let mut loaded = HashSet::new();
    for v in verdicts {
        let r = &decided[&v.registration()];
        let (approved, changed, reason, entry) = match v {
            Verdict::Reject { reason, .. } => (false, None, reason.trim().to_string(), None),
            Verdict::Approve { points, .. } => {
                if loaded.insert((r.deed.household.clone(), r.deed.date.year())) {
                    load_sums(tx, &mut checker, &r.deed.household, r.deed.date.year())?;
                }
                let entry = checker.check_approval(r.draft(*points), date).map_err(|e| at_registration(r.id, e))?;
                let entry = checker.chain(entry);
                writer.write(&entry)?;
                let changed = points.filter(|p| Some(*p) != r.deed.points);
                (true, changed, String::new(), Some(entry.id))
            }
        };
        tx.execute(
            "INSERT INTO decisions (registration, meeting, approved, cents, reason, entry)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (r.id, id, approved, changed.map(points::to_cents), reason, entry.as_ref().map(EntryId::as_bytes)),
        )?;
    }
    meeting(tx, id)
}

impl Book {
    /// 评议表: every registration awaiting review, by household, for a
    /// meeting planned on `meeting_on` (a blank to fill in when `None`).
    pub fn review_sheet(&self, meeting_on: Option<NaiveDate>, printed_on: NaiveDate) -> Result<ReviewSheet> {
        let mut rows = self.listed(self.registrations(true)?)?;
        rows.sort_by(|a, b| {
            (&a.registration.deed.household, a.registration.id)
                .cmp(&(&b.registration.deed.household, b.registration.id))
        });
        let panel = People(&self.people()?).panel().map(|p| p.name.clone()).collect();
        let head = self.letterhead(self.settings()?.issuer, &rulebook_on(&self.conn, printed_on)?.rulebook)?;
        Ok(ReviewSheet { head, printed_on, meeting_on, panel, rows })
    }

    /// 评议记录: meeting `id`'s minutes.
    pub fn minutes(&self, id: i64) -> Result<Minutes> {
        let m = self.meeting(id)?;
        let head = self.letterhead(self.settings()?.issuer, &rulebook_on(&self.conn, m.date)?.rulebook)?;
        Ok(Minutes {
            head,
            meeting: m.id,
            date: m.date,
            members: m.members,
            panel: m.panel,
            quorum: m.quorum,
            rows: self.listed(m.registrations)?,
        })
    }

    /// Registrations with their household's head and group and their item's
    /// name and points, as the rulebook in force on their date has them.
    pub fn listed(&self, registrations: Vec<Registration>) -> Result<Vec<Listed>> {
        let households = crate::households::households_by_code(&self.conn)?;
        let mut books: HashMap<NaiveDate, jifenbu_core::Rulebook> = HashMap::new();
        let mut out = Vec::with_capacity(registrations.len());
        for r in registrations {
            let book = match books.entry(r.deed.date) {
                std::collections::hash_map::Entry::Occupied(b) => b.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(rulebook_on(&self.conn, r.deed.date)?.rulebook)
                }
            };
            let item = book.item(&r.deed.item);
            let h = households.get(&r.deed.household);
            out.push(Listed {
                head: h.map(|h| h.head.clone()).unwrap_or_default(),
                group: h.map(|h| h.group.clone()).unwrap_or_default(),
                item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
                points: item.and_then(|i| i.points_for(r.deed.qty, r.deed.points).ok()).unwrap_or_default(),
                registration: r,
            });
        }
        Ok(out)
    }
}

/// A refusal about one registration of a meeting, saying which.
fn at_registration(id: i64, refusal: Refusal) -> crate::Error {
    review::at_registration(id, refusal).into()
}

fn insert_registration(tx: &Connection, d: &EntryDraft, by: &str, source: &str, operator: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO registrations (household, item_code, date, qty, cents, note, registered_by, source, operator,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            d.household,
            d.item,
            d.date.to_string(),
            d.qty,
            d.points.map(points::to_cents),
            d.note.trim(),
            by,
            source,
            operator.trim(),
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn people(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.name, p.role, p.grp, p.phone, EXISTS (SELECT 1 FROM retirements r WHERE r.person = p.id)
         FROM people p ORDER BY p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let role: String = r.get(1)?;
        Ok(Person {
            name: r.get(0)?,
            role: Role::parse(&role).unwrap_or(Role::Clerk),
            group: r.get(2)?,
            phone: r.get(3)?,
            retired: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT_REGISTRATION: &str = "SELECT r.id, r.household, r.item_code, r.date, r.qty, r.cents, r.note, \
     r.registered_by, r.recorded_at, d.meeting, m.date, d.approved, d.cents, d.reason, d.entry \
     FROM registrations r LEFT JOIN decisions d ON d.registration = r.id LEFT JOIN meetings m ON m.id = d.meeting";

fn registration_of(r: &Row<'_>) -> rusqlite::Result<Registration> {
    let day = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = r.get(i)?;
        text.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "date".to_string().into())
        })
    };
    let decision = match r.get::<_, Option<i64>>(9)? {
        None => None,
        Some(meeting) => Some(Decision {
            meeting,
            meeting_date: day(10)?,
            approved: r.get(11)?,
            points: r.get::<_, Option<i64>>(12)?.map(points::from_cents),
            reason: r.get(13)?,
            entry: r.get::<_, Option<[u8; 16]>>(14)?.map(|b| EntryId(uuid::Uuid::from_bytes(b))),
        }),
    };
    Ok(Registration {
        id: r.get(0)?,
        deed: EntryDraft {
            household: r.get(1)?,
            item: r.get(2)?,
            date: day(3)?,
            qty: r.get(4)?,
            points: r.get::<_, Option<i64>>(5)?.map(points::from_cents),
            note: r.get(6)?,
            id: None,
        },
        by: r.get(7)?,
        recorded_at: r.get(8)?,
        photos: Vec::new(),
        decision,
    })
}

/// The registrations `filter` selects, with their photos (read under the
/// same filter, not the whole book's).
fn registrations_where(conn: &Connection, filter: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<Registration>> {
    let mut stmt = conn.prepare(&format!("{SELECT_REGISTRATION} {filter} ORDER BY r.id"))?;
    let mut out: Vec<Registration> = stmt.query_map(params, registration_of)?.collect::<rusqlite::Result<_>>()?;
    let mut photos: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT rp.registration, rp.photo FROM registration_photos rp
           JOIN registrations r ON r.id = rp.registration
           LEFT JOIN decisions d ON d.registration = r.id {filter} ORDER BY rp.rowid"
    ))?;
    for row in stmt.query_map(params, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))? {
        let (id, hash) = row?;
        photos.entry(id).or_default().push(hex::encode(hash));
    }
    for r in &mut out {
        r.photos = photos.remove(&r.id).unwrap_or_default();
    }
    Ok(out)
}

fn registration_opt(conn: &Connection, id: i64) -> Result<Option<Registration>> {
    let mut found = registrations_where(conn, "WHERE r.id = ?1", &[&id])?;
    Ok(found.pop())
}

fn registration(conn: &Connection, id: i64) -> Result<Registration> {
    registration_opt(conn, id)?.ok_or_else(|| Refusal::UnknownRegistration(id).into())
}

/// A meeting's own row, without its registrations.
fn meeting_row(conn: &Connection, id: i64) -> Result<Meeting> {
    let found = conn
        .query_row(
            "SELECT date, members, panel, quorum, operator, recorded_at FROM meetings WHERE id = ?1",
            [id],
            |r| {
                let (date, members): (String, String) = (r.get(0)?, r.get(1)?);
                Ok(Meeting {
                    id,
                    date: date.parse().unwrap_or_default(),
                    members: members.split('、').map(str::to_string).collect(),
                    panel: r.get::<_, i64>(2)? as usize,
                    quorum: r.get::<_, i64>(3)? as usize,
                    operator: r.get(4)?,
                    recorded_at: r.get(5)?,
                    registrations: Vec::new(),
                })
            },
        )
        .optional()?;
    found.ok_or_else(|| Refusal::UnknownMeeting(id).into())
}

fn meeting(conn: &Connection, id: i64) -> Result<Meeting> {
    let mut m = meeting_row(conn, id)?;
    m.registrations = registrations_where(conn, "WHERE d.meeting = ?1", &[&id])?;
    Ok(m)
}

/// Registrations dated from `from` to `to` still awaiting review.
pub(crate) fn pending_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Option<Pending>> {
    let (count, first): (i64, Option<i64>) = conn.query_row(
        "SELECT COUNT(*), MIN(r.id) FROM registrations r
         WHERE r.date BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.registration = r.id)",
        [from.to_string(), to.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(first) = first else { return Ok(None) };
    let at: String = conn.query_row("SELECT recorded_at FROM registrations WHERE id = ?1", [first], |r| r.get(0))?;
    Ok(Some(Pending { count: count as usize, first, registered_on: date_of(&at) }))
}

/// The days of the meetings that decided registrations dated in `quarter`,
/// as its notice lists them.
pub(crate) fn meeting_days(conn: &Connection, quarter: Quarter) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT m.date FROM meetings m JOIN decisions d ON d.meeting = m.id
           JOIN registrations r ON r.id = d.registration
         WHERE r.date BETWEEN ?1 AND ?2 ORDER BY m.date",
    )?;
    let rows =
        stmt.query_map([quarter.first_day().to_string(), quarter.last_day().to_string()], |r| r.get::<_, String>(0))?;
    Ok(rows.filter_map(|d| d.ok()?.parse().ok()).collect())
}

/// The latest meeting, by its day, whose approvals posted into `quarter`:
/// its number and day.
pub(crate) fn latest_meeting_into(conn: &Connection, quarter: Quarter) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT m.id, m.date FROM decisions d JOIN meetings m ON m.id = d.meeting JOIN entries e ON e.id = d.entry
              WHERE e.year = ?1 AND e.quarter = ?2 ORDER BY m.date DESC LIMIT 1",
            (quarter.year, quarter.q),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Whether the book holds anything of the review (people, registrations).
pub(crate) fn in_use(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM registrations)", [], |r| r.get(0))?)
}

/// Photos whose bytes no longer hash to their key.
pub(crate) fn altered_photos(conn: &Connection) -> Result<(usize, Vec<String>)> {
    let mut stmt = conn.prepare("SELECT hash, data FROM photos")?;
    let mut rows = stmt.query([])?;
    let (mut count, mut altered) = (0, Vec::new());
    while let Some(r) = rows.next()? {
        count += 1;
        let (hash, data): (Vec<u8>, Vec<u8>) = (r.get(0)?, r.get(1)?);
        if Sha256::digest(&data).as_slice() != hash.as_slice() {
            altered.push(hex::encode(&hash[..hash.len().min(6)]));
        }
    }
    Ok((count, altered))
}

#[cfg(test)]
mod tests;
