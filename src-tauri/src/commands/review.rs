//! 评议: the people of the scheme, registrations awaiting the panel, and
//! meetings keyed in from the signed 评议表. The rules (who may sit, the
//! quorum, each outcome) are the core's, checked by the store.

use jifenbu_core::review::{quorum, People, Person, Role, Verdict};
use jifenbu_core::{parse, Field};
use jifenbu_store::{Book, Meeting};
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use super::files::{file_name, pick_files, preview};
use super::{parse_date, today};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::views::{HeldPhoto, MeetingForm, MeetingRow, PersonForm, PersonRow, RegistrationRow, ReviewView};

/// What 评议 shows: pending registrations, people, meetings.
#[tauri::command]
pub async fn review(state: State<'_, AppState>) -> Result<ReviewView> {
    state.with_book(view)
}

fn view(book: &mut Book) -> Result<ReviewView> {
    let people = book.people()?;
    let rulebook = book.rulebook_on(today())?.rulebook;
    let panel = People(&people).panel().count();
    let meetings = book.meetings()?.iter().map(|m| meeting_row(book, m)).collect::<Result<_>>()?;
    Ok(ReviewView {
        // In the 评议表's order, so the clerk keys in the signed sheet row by row.
        pending: book.review_sheet(None, today())?.rows.iter().map(RegistrationRow::from).collect(),
        people: people.iter().map(PersonRow::from).collect(),
        meetings,
        quorum: quorum(rulebook.review_quorum, panel) as u32,
        reviews: rulebook.items.iter().any(|i| i.review),
    })
}

fn meeting_row(book: &Book, m: &Meeting) -> Result<MeetingRow> {
    Ok(MeetingRow {
        id: m.id,
        date: m.date.to_string(),
        members: m.members.clone(),
        totals: book.minutes(m.id)?.totals(),
    })
}

/// Registrations as the window lists them.
pub fn registrations(book: &Book, list: Vec<jifenbu_core::review::Registration>) -> Result<Vec<RegistrationRow>> {
    Ok(book.listed(list)?.iter().map(RegistrationRow::from).collect())
}

/// Everyone the book lists, in the order added.
#[tauri::command]
pub async fn people(state: State<'_, AppState>) -> Result<Vec<PersonRow>> {
    state.with_book(|b| Ok(b.people()?.iter().map(PersonRow::from).collect()))
}

#[tauri::command]
pub async fn add_person(state: State<'_, AppState>, form: PersonForm) -> Result<Vec<PersonRow>> {
    let operator = state.operator()?;
    let role = Role::parse(&form.role)?;
    let text = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    let person = Person { name: form.name, role, group: text(&form.group), phone: text(&form.phone), retired: false };
    state.with_book(|b| {
        b.add_person(&person, &operator)?;
        Ok(b.people()?.iter().map(PersonRow::from).collect())
    })
}

/// Marks `name` 停用 in every role; their records stay.
#[tauri::command]
pub async fn retire_person(state: State<'_, AppState>, name: String) -> Result<Vec<PersonRow>> {
    let operator = state.operator()?;
    state.with_book(|b| {
        b.retire_person(&name, &operator)?;
        Ok(b.people()?.iter().map(PersonRow::from).collect())
    })
}

/// Asks for evidence photos, shrinks each and holds it until the
/// registration is saved. A file that is no photo is refused by name.
#[tauri::command]
pub async fn attach_photos(app: AppHandle, state: State<'_, AppState>) -> Result<Vec<HeldPhoto>> {
    let mut held = Vec::new();
    for path in pick_files(&app, "选择证明照片", ("照片", &["jpg", "jpeg", "png"])) {
        let name = file_name(&path);
        let bytes = std::fs::read(&path).map_err(|source| AppError::Io { path: path.display().to_string(), source })?;
        let photo = jifenbu_store::prepare_photo(&name, &bytes)?;
        held.push(HeldPhoto {
            key: photo.key(),
            file_name: name,
            width: photo.width,
            height: photo.height,
            size_kb: photo.jpeg.len().div_ceil(1024) as u32,
            taken_at: photo.taken_at.clone(),
        });
        state.hold_photo(photo);
    }
    Ok(held)
}

/// A photo's JPEG bytes: one held for the form, or one in the book.
#[tauri::command]
pub async fn photo(state: State<'_, AppState>, key: String) -> Result<Response> {
    if let Some(p) = state.held_photo(&key) {
        return Ok(Response::new(p.jpeg));
    }
    let bytes = state.with_book(|b| Ok(b.photo(&key)?))?;
    let bytes = bytes.ok_or_else(|| AppError::input(Field::File, "找不到这张照片"))?;
    Ok(Response::new(bytes))
}

/// Holds a meeting: its members and each outcome, saved at once and final.
#[tauri::command]
pub async fn hold_meeting(state: State<'_, AppState>, form: MeetingForm) -> Result<ReviewView> {
    let operator = state.operator()?;
    let date = parse_date(Field::Date, &form.date)?;
    let verdicts = form
        .verdicts
        .iter()
        .map(|v| {
            Ok(match v.outcome.as_str() {
                "approve" => Verdict::Approve { registration: v.registration, points: None },
                "change" => Verdict::Approve {
                    registration: v.registration,
                    points: Some(parse::stated_points(&v.points)?.ok_or_else(|| {
                        AppError::input(Field::Points, format!("第 {} 号：请填修改后的分值", v.registration))
                    })?),
                },
                _ => Verdict::Reject { registration: v.registration, reason: v.reason.clone() },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    state.with_book(|b| {
        b.review(date, &form.members, &verdicts, &operator)?;
        view(b)
    })
}

/// 评议表 of every pending registration, for a meeting on `date` (blank
/// when empty).
#[tauri::command]
pub async fn print_review_sheet(state: State<'_, AppState>, date: String) -> Result<Response> {
    let on = match date.trim() {
        "" => None,
        d => Some(parse_date(Field::Date, d)?),
    };
    let sheet = state.with_book(|b| Ok(b.review_sheet(on, today())?))?;
    let pdf = jifenbu_print::review_sheet(&sheet)?;
    Ok(preview(&state, format!("评议表-{}.pdf", today()), pdf))
}

/// 评议记录 of meeting `meeting`.
#[tauri::command]
pub async fn print_minutes(state: State<'_, AppState>, meeting: i32) -> Result<Response> {
    let minutes = state.with_book(|b| Ok(b.minutes(meeting.into())?))?;
    let pdf = jifenbu_print::minutes(&minutes)?;
    Ok(preview(&state, format!("评议记录-第{meeting}次.pdf"), pdf))
}
