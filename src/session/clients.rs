//! A client's own details: revealing the confidential ones (date of birth, contact) with a
//! stated reason, and correcting them. Both are logged; a correction names the fields it changed,
//! never their values.

use crate::domain::{self, AuditAction, AuditEvent, ClientRef};

use super::*;

/// A correction to a client's details: `None` leaves a field as it is; for the confidential
/// fields, `Some(None)` clears one.
#[derive(Default)]
pub struct ClientEdit {
    pub name: Option<String>,
    pub date_of_birth: Option<Option<String>>,
    pub contact: Option<Option<String>>,
}

impl Session {
    /// Reveals a client's confidential details (date of birth, contact): checks access (a client
    /// outside the caseload needs `access_reason`), commits the reveal's audit event with its
    /// reason, and only then returns the details.
    pub fn reveal_details(
        &self,
        r: ClientRef,
        reason: &str,
        access_reason: Option<&str>,
    ) -> Result<ClientDetails> {
        self.refuse_if_must_change()?;
        let why = domain::validate_reason(reason).map_err(SessionError::Invalid)?;
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(AuditAction::DetailsRevealed, Some(r), Some(why)));
        let w = self.begin()?;
        self.commit_with(w, events)?;
        Ok(ClientDetails {
            date_of_birth: Redacted::new(client.date_of_birth.clone()),
            contact: Redacted::new(client.contact.clone()),
        })
    }

    /// Corrects a client's name or details. Advisers (their own clients, or others' with a
    /// stated reason, logged and flagged) and supervisors. Logged with the names of the fields
    /// changed. A new name is kept as the `client-names` policy says, as when adding a client.
    pub fn edit_client(
        &self,
        r: ClientRef,
        edit: ClientEdit,
        access_reason: Option<&str>,
    ) -> Result<()> {
        self.refuse_if_must_change()?;
        let name = edit
            .name
            .as_deref()
            .map(domain::validate_client_name)
            .transpose()
            .map_err(SessionError::Invalid)?;
        let date_of_birth = match edit.date_of_birth {
            Some(Some(d)) if !d.trim().is_empty() => Some(Some(
                domain::validate_date_of_birth(&d).map_err(SessionError::Invalid)?,
            )),
            Some(_) => Some(None),
            None => None,
        };
        let contact = edit
            .contact
            .map(|c| domain::validate_contact(c.as_deref()))
            .transpose()
            .map_err(SessionError::Invalid)?;
        let (_, client) = self.open_client_record(&self.store.read()?, r)?;
        let glass = self.access(&client, access_reason)?;
        drop(client);
        let mut w = self.begin()?;
        // Read again inside the transaction: another process may have written meanwhile.
        let (key, mut client) = self.open_client_in(&w, r)?;
        let mut fields = Vec::new();
        if let Some(n) = name.map(|n| self.policy().client_names().stored_name(&n, r))
            && n != client.name
        {
            client.name = n;
            fields.push("name");
        }
        if let Some(d) = date_of_birth
            && d != client.date_of_birth
        {
            client.date_of_birth = d;
            fields.push("date of birth");
        }
        if let Some(c) = contact
            && c != client.contact
        {
            client.contact = c;
            fields.push("contact");
        }
        if fields.is_empty() {
            return Ok(());
        }
        let mut events: Vec<AuditEvent> = glass.into_iter().collect();
        events.push(self.event(
            AuditAction::ClientEdited {
                fields: fields.join(", "),
            },
            Some(r),
            None,
        ));
        client.written_at = self.next_event_seq(&w)? + (events.len() as u64 - 1);
        w.client_put(r, &self.seal_client(&key, &client)?)?;
        self.commit_with(w, events)
    }
}
