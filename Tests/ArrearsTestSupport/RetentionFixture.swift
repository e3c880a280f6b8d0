import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Customers whose personal data is in every place Arrears stores it (issue 24, "Retention"):
/// each has one CNY loan, one case, a contact attempt with a note, a flag, a contact point, a
/// rating with a comment, a complaint, an SMS in the outbox, a field visit with its report and a
/// photo, a legal case with a stage note, a cost, a demand letter and an uploaded file, a waiver
/// with its reason, a kept promise, an inbound-call grant, a task, and audit entries about the
/// customer, the case, the waiver and the task. Every personal value carries the customer's
/// token `PII-<id>` (or, for numbers, is `personal(of:)`), so `places(holding:in:)` finds where
/// any of it is left. All activity happens in the days up to the case's closing date.
public enum RetentionFixture {
    /// What keeps the customer's collection from being over.
    public enum OpenWork: Sendable {
        case none, account, caseItself, complaint, legalCase
    }

    /// The token in every personal value of `customer`.
    public static func token(of customer: String) -> String { "PII-\(customer)" }

    /// The mobile number, ID number and e-mail address of `customer` (`customer` ends in digits).
    public static func personal(of customer: String) -> [String] {
        let digits = String(customer.filter(\.isNumber).suffix(4))
        let padded = String(repeating: "0", count: 4 - digits.count) + digits
        return ["1380013" + padded, "11010119900307" + padded, token(of: customer) + "@example.com"]
    }

    /// Adds `customer` whose case closed on `closedOn` (unless `open` keeps something open).
    public static func add(_ customer: String, closedOn: LocalDate, open: OpenWork = .none, into store: Store) async throws {
        let sql = store.sql
        let token = token(of: customer)
        let numbers = personal(of: customer)
        let account = "A-\(customer)", caseId = "K-\(customer)", visit = "V-\(customer)", legal = "L-\(customer)"
        let day = { (offset: Int) in closedOn.adding(days: offset).description }
        let stamp = { (offset: Int) in closedOn.adding(days: offset).description + "T02:00:00Z" }

        try await sql.raw("""
            INSERT INTO customers (id, name, id_number, id_number_hash, mobile, mobile_hash, email, email_hash, address, region, time_zone, language, credit_rating)
            VALUES (\(bind: customer), \(bind: "王芳 " + token), \(bind: store.sealField(numbers[1])), \(bind: store.lookupHash(.idNumber, numbers[1])),
                    \(bind: store.sealField(numbers[0])), \(bind: store.lookupHash(.mobile, numbers[0])), \(bind: store.sealField(numbers[2])),
                    \(bind: store.lookupHash(.email, numbers[2])), \(bind: store.sealField("上海市浦东新区 " + token + " 路 1 号")), '上海', 'Asia/Shanghai', 'zh-CN', 'B')
            """).run()
        try await sql.raw("""
            INSERT INTO accounts (id, customer_id, product, currency, principal_minor, opened_on)
            VALUES (\(bind: account), \(bind: customer), 'personal_loan', 'CNY', 100000, \(bind: day(-400)))
            """).run()
        try await sql.raw("""
            INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor) VALUES (\(bind: account), \(bind: day(-60)), 100000, 0, 0)
            """).run()
        if open != .account {
            try await sql.raw("""
                INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel)
                VALUES (\(bind: "P-" + customer), \(bind: account), \(bind: day(-1)), 100000, 'CNY', 'bank_transfer')
                """).run()
        }
        let caseOpen = open == .caseItself
        try await sql.raw("""
            INSERT INTO cases (id, customer_id, status, opened_on, closed_on, close_reason, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
            VALUES (\(bind: caseId), \(bind: customer), \(bind: caseOpen ? "open" : "closed"), \(bind: day(-50)), \(bind: caseOpen ? nil : day(0)),
                    \(bind: caseOpen ? nil : "cured"), 'standard', 'champion', 0, 'current', 'CNY', 0, \(bind: day(0)))
            """).run()
        try await sql.raw("""
            INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
            VALUES (\(bind: "T-" + customer), \(bind: caseId), \(bind: customer), \(bind: day(-20)), 'standard', '31-60', 40, 'call', 'call', 'champion',
                    'done', 'dpd 31-60', 100, 'c-zhang-wei')
            """).run()
        try await sql.raw("""
            INSERT INTO contact_points (customer_id, id, kind, label, valid, recorded_at)
            VALUES (\(bind: customer), 'CP-1', 'third_party', \(bind: "mother of " + token + ", 13900000000"), 1, \(bind: stamp(-30)))
            """).run()
        try await sql.raw("""
            INSERT INTO contact_attempts (id, customer_id, channel, contact_point, attempted_at, outcome, note, recorded_by)
            VALUES (\(bind: "CA-" + customer), \(bind: customer), 'call', 'mobile', \(bind: stamp(-10)), 'promise', \(bind: token + " says her husband lost his job"),
                    'c-zhang-wei')
            """).run()
        try await sql.raw("""
            INSERT INTO quality_reviews (id, contact_attempt_id, identity_checked, disclosures_made, respectful_tone, no_threats, correct_outcome,
                points, note, reviewer, reviewed_at)
            VALUES (\(bind: "QR-" + customer), \(bind: "CA-" + customer), \(bind: true), \(bind: true), \(bind: true), \(bind: true), \(bind: true), 5,
                    \(bind: "kind with " + token), 'user:sup', \(bind: stamp(-9)))
            """).run()
        try await sql.raw("""
            INSERT INTO customer_flags (id, customer_id, flag, starts_on, ends_on, note, recorded_at, recorded_by)
            VALUES (\(bind: "F-" + customer), \(bind: customer), 'dispute', \(bind: day(-30)), \(bind: day(-25)), \(bind: "disputed by " + token), \(bind: stamp(-30)),
                    'c-zhang-wei')
            """).run()
        try await sql.raw("""
            INSERT INTO contact_appointments (id, customer_id, channel, starts_at, ends_at, notified_at, recorded_by)
            VALUES (\(bind: "AP-" + customer), \(bind: customer), 'visit', \(bind: stamp(-9)), \(bind: day(-9) + "T04:00:00Z"), \(bind: stamp(-12)), 'f-team')
            """).run()
        try await sql.raw("""
            INSERT INTO satisfaction_ratings (id, contact_attempt_id, customer_id, rating, rated_at, comment)
            VALUES (\(bind: "R-" + customer), \(bind: "CA-" + customer), \(bind: customer), 4, \(bind: stamp(-9)), \(bind: "polite, " + token))
            """).run()
        let complaintOpen = open == .complaint
        try await sql.raw("""
            INSERT INTO complaints (id, customer_id, case_id, channel, category, status, description, resolution, opened_at, resolved_at, recorded_by)
            VALUES (\(bind: "CM-" + customer), \(bind: customer), \(bind: caseId), 'call', 'conduct', \(bind: complaintOpen ? "open" : "resolved"),
                    \(bind: token + " was called at work"), \(bind: complaintOpen ? nil : "apologised to " + token), \(bind: stamp(-8)),
                    \(bind: complaintOpen ? nil : stamp(-2)), 'c-li-na')
            """).run()
        try await sql.raw("""
            INSERT INTO outbox_messages (id, action_id, customer_id, channel, recipient, language, subject, body, business_date, status, attempts, sent_at)
            VALUES (\(bind: "M-" + customer), \(bind: "T-" + customer), \(bind: customer), 'sms', \(bind: store.sealField(numbers[0])), 'zh-CN', NULL,
                    \(bind: "尊敬的王芳 " + token + "，请还款 https://bank.example/s/token-" + token), \(bind: day(-20)), 'sent', 1, \(bind: stamp(-20)))
            """).run()
        try await sql.raw("""
            INSERT INTO visits (id, case_id, customer_id, agent_id, visit_date, starts_at, ends_at, status, latitude, longitude, appointment_id, notice_id,
                                dispatched_by, dispatched_at, reported_at, met, situation, difficulty, plan_requested, note, photos)
            VALUES (\(bind: visit), \(bind: caseId), \(bind: customer), 'f-team', \(bind: day(-9)), \(bind: stamp(-9)), \(bind: day(-9) + "T04:00:00Z"), 'done',
                    31.2304, 121.4737, \(bind: "AP-" + customer), \(bind: "N-" + customer), 'supervisor', \(bind: stamp(-12)), \(bind: stamp(-9)), 'customer',
                    \(bind: token + " lives with her parents"), \(bind: "dog at the door of " + token), false, \(bind: "met " + token), \(bind: token + "-door.jpg"))
            """).run()
        try await attach(id: "ATT-V-" + customer, owner: "visit", visit, token: token, on: sql)
        let legalOpen = open == .legalCase
        try await sql.raw("""
            INSERT INTO legal_cases (id, case_id, customer_id, stage, stage_on, referral, court_name, court_case_number, close_reason, opened_on, opened_by, updated_at)
            VALUES (\(bind: legal), \(bind: caseId), \(bind: customer), \(bind: legalOpen ? "filed" : "closed"), \(bind: day(-3)), 'officer', '浦东新区人民法院',
                    \(bind: "(2026)沪0115民初" + token), \(bind: legalOpen ? nil : "paid in full by " + token), \(bind: day(-30)), 'l-wang', \(bind: stamp(-3)))
            """).run()
        try await sql.raw("""
            INSERT INTO legal_stages (legal_case_id, sequence, stage, entered_on, note, recorded_by, recorded_at)
            VALUES (\(bind: legal), 1, 'review', \(bind: day(-30)), \(bind: "reviewed the file of " + token), 'l-wang', \(bind: stamp(-30)))
            """).run()
        try await sql.raw("""
            INSERT INTO legal_costs (id, legal_case_id, amount_minor, currency, description, incurred_on, recorded_by, recorded_at)
            VALUES (\(bind: "LC-" + customer), \(bind: legal), 5000, 'CNY', \(bind: "court fee for " + token), \(bind: day(-20)), 'l-wang', \(bind: stamp(-20)))
            """).run()
        try await attach(id: "ATT-L-" + customer, owner: "legal_case", legal, token: token, on: sql)
        try await sql.raw("""
            INSERT INTO legal_documents (id, legal_case_id, name, kind, file_name, body, language, created_by, created_at, attachment_id)
            VALUES (\(bind: "LD-" + customer), \(bind: legal), \(bind: "ID card of " + token), 'upload', \(bind: token + ".pdf"),
                    \(bind: store.sealField("催收函：王芳 " + token + "，上海市浦东新区")), 'zh-CN', 'l-wang', \(bind: stamp(-20)), \(bind: "ATT-L-" + customer))
            """).run()
        try await sql.raw("""
            INSERT INTO arrangements (id, account_id, customer_id, kind, status, currency, amount_minor, basis_minor, required_role, proposed_by, proposed_on,
                                      reason, decided_by, decided_on, decision_note, activated_on, settled_on)
            VALUES (\(bind: "AR-" + customer), \(bind: account), \(bind: customer), 'waiver', 'completed', 'CNY', 1000, 100000, 'supervisor', 'c-zhang-wei',
                    \(bind: day(-15)), \(bind: token + " is in hospital"), 's-chen', \(bind: day(-14)), \(bind: "agreed for " + token), \(bind: day(-14)), \(bind: day(-1)))
            """).run()
        try await sql.raw("""
            INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status, paid_minor, settled_on)
            VALUES (\(bind: "PR-" + customer), \(bind: caseId), \(bind: customer), 'CNY', 99000, \(bind: day(-10)), \(bind: day(-1)), 'kept', 99000, \(bind: day(-1)))
            """).run()
        try await sql.raw("""
            INSERT INTO inbound_access_grants (id, user_id, customer_id, reason, granted_at, expires_at)
            VALUES (\(bind: "G-" + customer), 'U-1', \(bind: customer), \(bind: token + " called about her statement"), \(bind: stamp(-7)), \(bind: stamp(-6)))
            """).run()
        try await AuditLog.append([
            AuditEvent(actor: "user:c-zhang-wei", action: "contact_attempt_recorded", subject: customer, details: ["note": token + " says her husband lost his job"]),
            AuditEvent(actor: "user:c-zhang-wei", action: "arrangement.propose", subject: "AR-" + customer, details: ["reason": token + " is in hospital"]),
            AuditEvent(actor: "user:s-chen", action: "task.reassign", subject: "T-" + customer, details: ["note": "reassigned " + token]),
            AuditEvent(actor: "user:c-li-na", action: "view_personal_data", subject: customer, details: ["fields": "mobile", "reason": "calling " + token]),
        ], on: sql)
        try await PositionRepository(store: store, buckets: .standard).recompute(asOf: closedOn)
    }

    private static func attach(id: String, owner: String, _ ownerId: String, token: String, on sql: any SQLDatabase) async throws {
        let content = Data(("photo of " + token).utf8)
        try await sql.raw("""
            INSERT INTO attachments (id, owner_kind, owner_id, position, file_name, content_type, byte_count, sha256, content, uploaded_by, uploaded_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: ownerId), 1, \(bind: token + ".jpg"), 'image/jpeg', \(bind: content.count),
                    \(bind: String(repeating: "a", count: 64)), \(bind: content), 'f-team', '2026-01-01T00:00:00Z')
            """).run()
    }

    /// Makes the audit log as the code before retention left it: every entry hashed over its
    /// details (`HashScheme.details`), and no `details_hash`, `hash_version` or subject index,
    /// with the migration that adds them forgotten, so the next `Store.open` runs it on this old log.
    public static func makeAuditLogLegacy(in store: Store) async throws {
        let sql = store.sql
        let entries = try await AuditLog.entries(from: LocalDate(iso: "1900-01-01")!, to: LocalDate(iso: "2199-12-31")!, on: sql)
        try await sql.raw("DROP INDEX audit_log_subject").run()
        try await sql.raw("ALTER TABLE audit_log DROP COLUMN details_hash").run()
        try await sql.raw("ALTER TABLE audit_log DROP COLUMN hash_version").run()
        try await sql.raw("DELETE FROM _fluent_migrations WHERE name = 'ArrearsStore.AddAuditDetailsHash'").run()
        var previous = AuditEntry.genesisHash
        for entry in entries {
            let hash = AuditEntry.hash(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject,
                                       details: entry.details, previousHash: previous)
            try await sql.raw("UPDATE audit_log SET previous_hash = \(bind: previous), hash = \(bind: hash) WHERE sequence = \(bind: entry.sequence)").run()
            previous = hash
        }
    }

    /// Every `table.column` where `needle` is still stored (on SQLite every column, files
    /// included; on PostgreSQL every text column).
    public static func places(holding needle: String, in store: Store) async throws -> [String] {
        let sql = store.sql
        let columns: [(table: String, column: String)]
        switch store.dialect {
        case .sqlite:
            columns = try await sql.raw("""
                SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
        case .postgres:
            columns = try await sql.raw("""
                SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
                """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
        }
        var found: [String] = []
        for (table, column) in columns {
            let hits = try await sql.raw("""
                SELECT COUNT(*) AS n FROM \(ident: table) WHERE CAST(\(ident: column) AS TEXT) LIKE \(bind: "%" + needle + "%")
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if hits > 0 { found.append("\(table).\(column)") }
        }
        return found.sorted()
    }
}
