import ArrearsCore

/// What `LedgerLoader` reads, read on SQLite straight from the transaction's connection
/// (`SQLiteDirect`): the same rows, each column taken as bytes, without SQLKit's decoding of every
/// row (about a microsecond a row, most of the response step of an optimised daily run).
///
/// It returns exactly what the SQLKit path returns (the store tests hold the two equal). A row's
/// account is looked up once per run of rows of the same account, which the statements return
/// together, and its dates are parsed from the column's bytes.
struct LedgerScan {
    let population: LedgerPopulation

    /// The accounts' ledgers in account id order, as `LedgerLoader.ledgers`.
    func ledgers(on sqlite: SQLiteDirect) throws -> [AccountLedger] {
        var accounts: [LedgerLoader.Account] = []
        var positions: [String: Int] = [:]
        var digits: [String: Int] = [:]
        let heads = try sqlite.prepare("""
            SELECT a.id, a.customer_id, a.product, a.currency, a.opened_on, c.credit_rating
            FROM accounts a JOIN customers c ON c.id = a.customer_id\(filter(column: "a.id"))
            """)
        while try heads.step() {
            let code = heads.string(3)
            let minorDigits = digits[code] ?? {
                let found = Currency(code: code)?.minorDigits ?? 2
                digits[code] = found
                return found
            }()
            let id = heads.string(0)
            positions[id] = accounts.count
            accounts.append(LedgerLoader.Account(id: id, customerId: heads.string(1), product: heads.string(2), rating: heads.string(5),
                                                 openedOn: heads.string(4), digits: minorDigits))
        }
        try entries("SELECT account_id, due_on, principal_minor + interest_minor + fees_minor FROM dues\(filter(column: "account_id"))",
                    dateColumn: "due_on", on: sqlite, positions: positions) { accounts[$0].dues.append($1) }
        try entries("SELECT account_id, paid_on, amount_minor FROM payments\(filter(column: "account_id"))",
                    dateColumn: "paid_on", on: sqlite, positions: positions) { accounts[$0].payments.append($1) }
        return LedgerLoader.ledgers(accounts)
    }

    /// Every customer's promises and contact attempts, as `LedgerLoader.behaviour`.
    func behaviour(on sqlite: SQLiteDirect) throws -> [String: CollectionBehaviour] {
        var result: [String: CollectionBehaviour] = [:]
        let promises = try sqlite.prepare("SELECT customer_id, promised_on, status, settled_on FROM promises")
        while try promises.step() {
            let made = try Self.date(promises, 1, column: "promised_on")
            let broken = promises.text(2).elementsEqual("broken".utf8) && !promises.isNull(3) ? LocalDate(iso: promises.text(3)) : nil
            result[promises.string(0), default: .none].addPromise(madeOn: made, brokenOn: broken)
        }
        let attempts = try sqlite.prepare("SELECT customer_id, attempted_at, outcome FROM contact_attempts")
        while try attempts.step() {
            let at = attempts.text(1)
            guard let day = LocalDate(iso: UnsafeBufferPointer(rebasing: at.prefix(10))) else { continue }
            let rightParty = ContactAttempt.Outcome(rawValue: attempts.string(2))?.isConversation ?? false
            result[attempts.string(0), default: .none].addAttempt(on: day, rightParty: rightParty)
        }
        return result
    }

    /// The population's filter on `column`, an account id, as `LedgerLoader` filters.
    private func filter(column: String) -> String {
        LedgerLoader.accountFilter(population, column: column)
    }

    /// Steps `sql` (account id, date, amount) and hands each row of an account in `positions` to
    /// `add` with the account's index.
    private func entries(_ sql: String, dateColumn: String, on sqlite: SQLiteDirect, positions: [String: Int],
                         _ add: (Int, LedgerLoader.Entry) -> Void) throws {
        let statement = try sqlite.prepare(sql)
        var last: [UInt8] = []
        var index: Int?
        while try statement.step() {
            let entry = (try Self.date(statement, 1, column: dateColumn), statement.int64(2))
            let id = statement.text(0)
            if last.withUnsafeBufferPointer({ id.compare($0) }) != 0 {
                last = Array(id)
                index = positions[String(decoding: id, as: UTF8.self)]
            }
            if let index { add(index, entry) }
        }
    }

    /// The date in column `index` of the statement's row.
    static func date(_ statement: SQLiteDirect.Statement, _ index: Int32, column: String) throws -> LocalDate {
        let text = statement.text(index)
        guard let date = LocalDate(iso: text) else { throw ScoringError.badStoredDate(column: column, value: String(decoding: text, as: UTF8.self)) }
        return date
    }
}
