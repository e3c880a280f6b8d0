import ArrearsStore

extension StoredAttachment {
    /// The audit entry of `actor` opening this file of `customerId`'s for `reason`
    /// (`view_personal_data`, fields `file`, with the file's id and SHA-256): recorded in the
    /// transaction that reads the bytes, so that there is no reading without its record.
    func viewed(by actor: String, customerId: String, reason: String) -> AuditEvent {
        AuditEvent(actor: actor, action: "view_personal_data", subject: customerId, details: [
            "fields": "file", "reason": reason, "attachment_id": id, "sha256": sha256,
        ])
    }
}
