//! Naming the section an audit event is about: the trail stores a note id and a section number
//! (never the heading, which an adviser typed), and a reader who may read case content is shown
//! the heading beside them.

use std::collections::HashMap;

use crate::domain::{AuditAction, ClientRef, NoteId};
use crate::store::ReadTxn;

use super::*;

/// Headings of notes already opened while listing the trail.
pub(super) type HeadingCache = HashMap<NoteId, Option<Vec<String>>>;

impl Session {
    /// The event's detail, with the revealed or redacted section's heading where the caller
    /// reads case content and the note still opens.
    pub(super) fn detail_with_heading(
        &self,
        txn: &ReadTxn,
        action: &AuditAction,
        client: Option<ClientRef>,
        cache: &mut HeadingCache,
    ) -> String {
        let detail = action.detail();
        let (
            AuditAction::SectionRevealed { note, section, .. }
            | AuditAction::SectionRedacted { note, section },
            Some(r),
        ) = (action, client)
        else {
            return detail;
        };
        if !self.user.role.reads_case_content() {
            return detail;
        }
        let headings = cache.entry(*note).or_insert_with(|| {
            let (key, c) = self.open_client_record(txn, r).ok()?;
            let n = self.current_note(txn, &key, &c, *note).ok()?.note;
            Some(n.sections.iter().map(|s| s.heading.clone()).collect())
        });
        match headings
            .as_ref()
            .and_then(|h| h.get(usize::try_from(*section).ok()?))
        {
            // "N-000001 section 2 [special:health]" → "N-000001 section 2 "Health" [special:health]"
            Some(h) => match detail.rfind(" [") {
                Some(at) => format!("{} \"{h}\"{}", &detail[..at], &detail[at..]),
                None => format!("{detail} \"{h}\""),
            },
            None => detail,
        }
    }
}
