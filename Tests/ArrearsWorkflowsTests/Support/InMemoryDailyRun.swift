import ArrearsCore
import ArrearsStore
import Foundation

/// The daily run's rows kept in memory: customers with their accounts' positions as a test sets
/// them, the tables the run writes (kept by their key, with the conflict rule of each
/// `BulkInsert`), the outbox, the audit log, completed dates and customers' flags. A
/// transaction that throws leaves them as they were, as the database's does.
///
/// Positions are not computed from dues: `setAccount` gives an account's days past due and
/// amounts as of the next run.
final class InMemoryDailyRun: DailyRunRecords, DailyRunTransaction, @unchecked Sendable {
    typealias Row = [String: BulkValue]

    struct Account {
        var customerId: String
        var dpd: Int
        var overdueMinor: Int64
        var outstandingMinor: Int64
        var currency: Currency = .cny
        var product: Product = .personalLoan
        var writtenOffOn: String?
    }

    struct Rows {
        var customers: [String: CaseInputs.Customer] = [:]
        var accounts: [String: Account] = [:]
        /// table → key → row.
        var tables: [String: [String: Row]] = [:]
        var outbox: [String: OutboxMessage] = [:]
        var audit: [AuditEvent] = []
        var runDays: [String: DailyRunSummary] = [:]
        var flags: [String: [CustomerFlag]] = [:]
        var pendingPromises: [String: LocalDate] = [:]
        /// customer id → the days settlements of theirs were paid in full.
        var settledOn: [String: [String]] = [:]
    }

    let links = LinkSigner(key: DataKey.generate())
    private let lock = NSLock()
    private var rows = Rows()
    private var activeResponses: ResponseAnswers?

    // MARK: Setting up

    /// A customer in Shanghai speaking Chinese, with a mobile number, an e-mail address and a postal address.
    func addCustomer(_ id: String, rating: CreditRating = .c, language: Language = .zhCN, region: String? = "上海", timeZone: String = "Asia/Shanghai") {
        lock.withLock {
            rows.customers[id] = CaseInputs.Customer(id: id, name: "Customer \(id)", rating: rating, language: language, region: region,
                                                     mobile: "+86 138 0000 \(id.suffix(4))", email: "\(id.lowercased())@example.com",
                                                     timeZone: timeZone, hasAddress: true)
        }
    }

    /// Sets account `id` of `customerId` as the next run's positions see it.
    func setAccount(_ id: String, customerId: String, dpd: Int, overdueMinor: Int64, writtenOffOn: String? = nil) {
        lock.withLock {
            rows.accounts[id] = Account(customerId: customerId, dpd: dpd, overdueMinor: overdueMinor, outstandingMinor: overdueMinor * 4,
                                        writtenOffOn: writtenOffOn)
        }
    }

    /// Makes `answers` the active response model's answers (all of them, whatever customers are
    /// asked about); nil: no response model is active.
    func setResponseAnswers(_ answers: ResponseAnswers?) { lock.withLock { activeResponses = answers } }

    func addFlag(_ flag: CustomerFlag, customerId: String) { lock.withLock { rows.flags[customerId, default: []].append(flag) } }

    /// Records a settlement of `customerId` paid in full on `day`.
    func addSettlementPaid(customerId: String, on day: String) { lock.withLock { rows.settledOn[customerId, default: []].append(day) } }

    // MARK: Reading what the run wrote

    /// The rows of `table`, by key.
    func rows(of table: String) -> [Row] { lock.withLock { (rows.tables[table] ?? [:]).sorted { $0.key < $1.key }.map(\.value) } }
    var messages: [OutboxMessage] { lock.withLock { rows.outbox.values.sorted { $0.id < $1.id } } }
    var auditActions: [String] { lock.withLock { rows.audit.map(\.action) } }

    /// The one action of `customerId` on `day`, if any.
    func action(of customerId: String, on day: String) -> Row? {
        rows(of: "actions").first { $0.text("customer_id") == customerId && $0.text("business_date") == day }
    }

    /// The case of `customerId` (there is one open case per customer at most).
    func cases(of customerId: String) -> [Row] { rows(of: "cases").filter { $0.text("customer_id") == customerId } }

    // MARK: DailyRunRecords

    func completedSummary(of day: String) async throws -> DailyRunSummary? {
        lock.withLock {
            guard var summary = rows.runDays[day] else { return nil }
            summary.alreadyCompleted = true
            return summary
        }
    }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any DailyRunTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    // MARK: DailyRunTransaction

    func takeRunLock(waiting: @Sendable () -> Void) async throws {}

    func lastCompletedDate() async throws -> String? { lock.withLock { rows.runDays.keys.max() } }

    func keepStrategy(version: String, content: String, on date: LocalDate) async throws {}

    func settleArrangements(on date: LocalDate, graceDays: Int, actor: String) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
        ([:], [])
    }

    func paymentsDated(_ day: String) async throws -> Int { 0 }

    func recomputePositions(asOf date: LocalDate, buckets: BucketScheme) async throws -> Int { lock.withLock { rows.accounts.count } }

    func settlePromises(before date: LocalDate) async throws -> [String: Int] { [:] }

    func snapshotBuckets(on date: LocalDate) async throws {}

    /// No model is active: the run scores nothing.
    var scoring: any ScoringRecords { InMemoryScoring() }

    func responseAnswers(on date: LocalDate, customers: Set<String>, buckets: BucketScheme) async throws -> ResponseAnswers? {
        lock.withLock { activeResponses }
    }

    func caseInputs(for date: LocalDate) async throws -> CaseInputs {
        lock.withLock {
            var inputs = CaseInputs()
            let day = date.description
            for (id, account) in rows.accounts.sorted(by: { $0.key < $1.key })
            where account.dpd > 0 && (account.writtenOffOn.map { $0 > day } ?? true) {
                guard let customer = rows.customers[account.customerId] else { continue }
                if inputs.customers[customer.id] == nil { inputs.customers[customer.id] = customer }
                inputs.customers[customer.id]?.accounts.append(CaseInputs.DelinquentAccount(
                    accountId: id, customerId: customer.id, product: account.product, currency: account.currency, dpd: account.dpd,
                    overdueMinor: account.overdueMinor, outstandingMinor: account.outstandingMinor))
            }
            var open: Set<String> = []
            for row in (rows.tables["cases"] ?? [:]).values where row.text("status") == "open" {
                guard let id = row.text("id"), let customerId = row.text("customer_id"), let openedOn = row.text("opened_on") else { continue }
                inputs.openCases[customerId] = (id, openedOn)
                open.insert(id)
                if let segment = row.text("segment"), let cell = row.text("cell"), let dpd = row.integer("dpd"), let bucket = row.text("bucket"),
                   let currency = row.text("currency"), let overdue = row.integer("overdue_minor") {
                    inputs.storedCases[id] = CaseInputs.StoredCase(segment: segment, cell: cell, dpd: Int(dpd), bucket: bucket, currency: currency,
                                                                   overdueMinor: overdue)
                }
            }
            for row in (rows.tables["case_cadence"] ?? [:]).values {
                guard let caseId = row.text("case_id"), open.contains(caseId), let treatment = row.text("treatment"),
                      let day = row.text("last_acted_on").flatMap(LocalDate.init(iso:)) else { continue }
                inputs.cadence[caseId, default: [:]][treatment] = day
            }
            inputs.pendingPromises = rows.pendingPromises
            return inputs
        }
    }

    func closeCases(_ reason: CaseCloseReason, on day: String) async throws -> Int {
        lock.withLock {
            var closed = 0
            for (key, row) in rows.tables["cases"] ?? [:] where row.text("status") == "open" {
                guard let customerId = row.text("customer_id"), let openedOn = row.text("opened_on") else { continue }
                let overdue = rows.accounts.values.filter { $0.customerId == customerId && $0.dpd > 0 }
                let holds: Bool
                switch reason {
                case .writtenOff: holds = !overdue.isEmpty && !overdue.contains { $0.writtenOffOn.map { $0 > day } ?? true }
                case .settled: holds = overdue.isEmpty && (rows.settledOn[customerId] ?? []).contains { $0 >= openedOn }
                case .cured: holds = overdue.isEmpty
                }
                guard holds else { continue }
                var updated = row
                updated["status"] = .text("closed")
                updated["closed_on"] = .text(day)
                updated["close_reason"] = .text(reason.rawValue)
                updated["updated_on"] = .text(day)
                rows.tables["cases", default: [:]][key] = updated
                closed += 1
            }
            return closed
        }
    }

    func contactRecords(around instant: Date, lookbackDays: Int) async throws -> ContactRecords.Loaded {
        lock.withLock { ContactRecords.Loaded(flags: rows.flags) }
    }

    func insert(_ table: BulkInsert, _ values: [[BulkValue]]) async throws {
        func keyText(_ value: BulkValue?) -> String {
            switch value {
            case .text(let text): "t" + text
            case .integer(let number): "i" + String(number)
            case .null, nil: "NULL"
            }
        }
        try lock.withLock {
            for value in values {
                let row = Row(uniqueKeysWithValues: zip(table.columns, value))
                let key = table.key.map { keyText(row[$0]) }.joined(separator: "\u{1}")
                if let existing = rows.tables[table.table]?[key] {
                    switch table.onConflict {
                    case .update: rows.tables[table.table]?[key] = existing.merging(row) { $1 }
                    case .ignore: continue
                    case .fail: throw DuplicateKey(table: table.table, key: key)
                    }
                } else {
                    rows.tables[table.table, default: [:]][key] = row
                }
            }
        }
    }

    func shiftDaysPastDue(_ shifts: [Int: [String]]) async throws {
        lock.withLock {
            for (days, ids) in shifts {
                for id in ids {
                    guard let row = rows.tables["cases"]?["t" + id], let dpd = row.integer("dpd") else { continue }
                    rows.tables["cases"]?["t" + id]?["dpd"] = .integer(dpd + Int64(days))
                }
            }
        }
    }

    struct DuplicateKey: Error {
        let table: String
        let key: String
    }

    func enqueue(_ messages: [OutboxMessage]) async throws {
        lock.withLock { for message in messages where rows.outbox[message.id] == nil { rows.outbox[message.id] = message } }
    }

    func openCaseCount() async throws -> Int { lock.withLock { (rows.tables["cases"] ?? [:]).values.filter { $0.text("status") == "open" }.count } }

    func audit(_ events: [AuditEvent]) async throws { lock.withLock { rows.audit += events } }

    func recordCompleted(_ summary: DailyRunSummary) async throws { lock.withLock { rows.runDays[summary.businessDate] = summary } }
}

extension [String: BulkValue] {
    /// The text in `column`; nil when it is NULL, a number or absent.
    func text(_ column: String) -> String? {
        guard case .text(let text) = self[column] else { return nil }
        return text
    }

    /// The number in `column`; nil when it is NULL, text or absent.
    func integer(_ column: String) -> Int64? {
        guard case .integer(let value) = self[column] else { return nil }
        return value
    }
}
