import ArrearsCore

/// Every account's position as of a date, computed on SQLite by walking the accounts, their dues
/// and their payment totals in account order, side by side, and stored with one prepared insert.
///
/// It computes exactly what `PositionQuery` does (the store tests hold the two equal): with P the
/// sum paid on or before D and C(k) the running total of an account's dues in date order, the
/// oldest unpaid due is the first with C(k) > P; it is overdue when it fell due before D.
/// The set-based statement spends most of its time in SQLite's automatic indexes and window
/// function; three ordered scans over primary keys and indexes do the same work in one pass.
struct PositionScan {
    let asOf: LocalDate
    let buckets: BucketScheme
    /// The dues whose interest and fees a breathing space freezes, as `account_id` → due dates.
    var frozen: [String: Set<String>] = [:]

    /// Replaces `account_positions` with the positions as of `asOf`; returns the number of accounts.
    func store(on sqlite: SQLiteDirect) throws -> Int {
        try sqlite.withCacheSize(kibibytes: 256 * 1024) { try scan(on: sqlite) }
    }

    private func scan(on sqlite: SQLiteDirect) throws -> Int {
        let day = asOf.description
        let dayBytes = Array(day.utf8)
        // Frozen interest and fees need the three parts; otherwise SQLite adds them up.
        let amounts = frozen.isEmpty ? "principal_minor + interest_minor + fees_minor, 0" : "principal_minor, interest_minor + fees_minor"
        let accounts = try sqlite.prepare("SELECT id FROM accounts ORDER BY id")
        let dues = try sqlite.prepare("SELECT account_id, due_on, \(amounts) FROM dues ORDER BY account_id, due_on")
        let paid = try sqlite.prepare("""
            SELECT account_id, SUM(amount_minor) FROM payments WHERE paid_on <= ?1 GROUP BY account_id ORDER BY account_id
            """)
        try paid.bind(1, day)
        let insert = try sqlite.prepare("""
            INSERT INTO account_positions (account_id, as_of, dpd, bucket, overdue_minor, outstanding_minor, credit_minor, oldest_unpaid_due_on)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        try insert.bind(2, day)
        try sqlite.execute("DELETE FROM account_positions")

        // Each cursor's account id, read once per row.
        var due = try dues.step() ? dues.text(0) : nil
        var payer = try paid.step() ? paid.text(0) : nil
        var count = 0
        while try accounts.step() {
            let account = accounts.text(0)
            // Payments and dues of accounts that do not exist (the importer refuses them) are skipped.
            while let id = payer, id.compare(account) < 0 { payer = try paid.step() ? paid.text(0) : nil }
            var paidTotal: Int64 = 0
            if let id = payer, id.compare(account) == 0 {
                paidTotal = MinorUnits.clamped(paid.int64(1))
                payer = try paid.step() ? paid.text(0) : nil
            }
            while let id = due, id.compare(account) < 0 { due = try dues.step() ? dues.text(0) : nil }
            let frozenDates = frozen.isEmpty ? nil : frozen[String(decoding: account, as: UTF8.self)]
            var cumulative: Int64 = 0, pastTotal: Int64 = 0, total: Int64 = 0
            var oldestUnpaid: [UInt8]?
            while let id = due, id.compare(account) == 0 {
                let dueOn = dues.text(1)
                var amount = dues.int64(2)
                // With a freeze, column 2 is the principal and column 3 the interest and fees, which
                // a due within a breathing space does not count; without one, column 2 is the total.
                if !frozen.isEmpty, frozenDates?.contains(String(decoding: dueOn, as: UTF8.self)) != true { amount = MinorUnits.adding(amount, dues.int64(3)) }
                cumulative = MinorUnits.adding(cumulative, amount)
                total = MinorUnits.adding(total, amount)
                if oldestUnpaid == nil, cumulative > paidTotal { oldestUnpaid = Array(dueOn) }
                if dueOn.lexicographicallyPrecedes(dayBytes) { pastTotal = MinorUnits.adding(pastTotal, amount) }
                due = try dues.step() ? dues.text(0) : nil
            }
            let dpd = oldestUnpaid.flatMap { oldest in
                oldest.lexicographicallyPrecedes(dayBytes) ? LocalDate(iso: String(decoding: oldest, as: UTF8.self)).map { asOf.days(since: $0) } : nil
            } ?? 0
            try insert.bind(1, text: account)
            try insert.bind(3, Int64(dpd))
            try insert.bind(4, buckets.bucket(forDaysPastDue: dpd).name)
            try insert.bind(5, max(pastTotal - paidTotal, 0))
            try insert.bind(6, max(total - paidTotal, 0))
            try insert.bind(7, max(paidTotal - total, 0))
            try insert.bind(8, oldestUnpaid.map { String(decoding: $0, as: UTF8.self) })
            try insert.run()
            count += 1
        }
        return count
    }
}
