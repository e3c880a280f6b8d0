import ArrearsCore
import ArrearsStore
import Foundation

/// The case page's timeline: contacts, messages and letters, payments, promises, visits,
/// arrangements and legal steps in one list, newest first, filtered by kind
/// (`/work/cases/:id?kind=payment`) and shown `shown` at a time (`?shown=`, "show more").
struct CaseTimeline {
    enum Kind: String, CaseIterable {
        case contact, message, payment, promise, visit, arrangement, legal
    }

    struct Entry {
        /// Sorts the entries: an ISO date or instant.
        let at: String
        let kind: Kind
        let html: HTML
        /// The line's own id (a letter's, which the letter tests find).
        var id: String? = nil
    }

    static let pageSize = 20

    let entries: [Entry]
    let kind: Kind?
    let shown: Int
    /// Entries of the kind beyond those shown.
    let more: Bool

    /// Every entry of `file` and `history`, in `zone` (the viewer's), of `kind` when given.
    init(_ file: CaseFile, _ history: CaseHistory, arrangements: [ArrangementLine], kind: Kind?, shown: Int, zone: TimeZone, words t: Words,
         ruleWords: (String) -> String) {
        var all: [Entry] = []
        func money(_ minor: Int64, _ currency: String) -> String { AmountDisplay.grouped(minor, currency: currency) + " " + currency }
        for attempt in file.attempts {
            let breach: HTML = attempt.breachedRule.map { " · <strong class=\"breach\">\(t["wb_breach"]): \(ruleWords($0))</strong>" } ?? ""
            all.append(Entry(at: attempt.attemptedAt, kind: .contact, html: """
                \(CaseTimes.local(attempt.attemptedAt, in: zone)) · \(t.code(.channel, attempt.channel)) · \
                \(t.code(.outcome, attempt.outcome))\(attempt.note.map { " · \($0)" as HTML } ?? "") · \(attempt.recordedBy)\(breach)
                """))
        }
        for letter in file.letters {
            let state: HTML = letter.printedAt.map { "\(t["wb_letter_sent"]) \(CaseTimes.local($0, in: zone))" } ?? (letter.reason.map { "\(t["wb_letter_withheld"]): \($0)" } ?? "\(t["wb_letter_queued"])")
            all.append(Entry(at: letter.businessDate, kind: .message, html: """
                \(letter.businessDate) · \(t["wb_letter"]) \(t.code(.letterTemplate, letter.template)) (\(t.code(.language, letter.language))) · \(DecimalAmount.format(letter.overdueMinor, minorDigits: Currency(code: letter.currency)?.minorDigits ?? 2)) \(letter.currency) · \(state)
                """, id: letter.id))
        }
        for message in history.messages {
            all.append(Entry(at: message.sentAt ?? message.businessDate, kind: .message, html: """
                \(message.sentAt.map { CaseTimes.local($0, in: zone) } ?? message.businessDate) · \(t["cs_message"]) \
                \(t.code(.channel, message.channel)) · \(t.code(.messageStatus, message.status))
                """))
        }
        for account in file.accounts {
            for payment in account.payments {
                all.append(Entry(at: payment.paidOn, kind: .payment, html: """
                    \(payment.paidOn) · \(t["wb_payments"]) \(money(payment.amountMinor, payment.currency)) · \(account.id)
                    """))
            }
        }
        for promise in file.promises {
            all.append(Entry(at: promise.promisedOn, kind: .promise, html: """
                \(promise.promisedOn) · \(t["cs_promise"]) \(money(promise.amountMinor, promise.currency)) · \(t["wb_due_on"]) \(promise.dueOn) · \
                \(t.code(.promiseStatus, promise.status))
                """))
        }
        for visit in history.visits {
            all.append(Entry(at: visit.startsAt, kind: .visit, html: """
                \(CaseTimes.local(visit.startsAt, in: zone)) · \(t["cs_visit_at"]) · \(t["vs_team"]) \(visit.agentId) · \(t.code(.visitStatus, visit.status))
                """))
        }
        for line in arrangements {
            all.append(Entry(at: line.proposedOn, kind: .arrangement, html: """
                \(line.proposedOn) · \(line.kind) \(line.amount) \(line.currency) · \(line.accountId) · <span class="badge status status-\(line.statusCode)">\(line.status)</span>
                """))
        }
        for step in history.legalSteps {
            all.append(Entry(at: step.enteredOn, kind: .legal, html: """
                \(step.enteredOn) · \(t["cs_legal_step"]) \(t.code(.legalStage, step.stage))\(step.note.map { " · \($0)" as HTML } ?? "")
                """))
        }
        let chosen = all.filter { kind == nil || $0.kind == kind }.sorted { $0.at > $1.at }
        self.kind = kind
        self.shown = max(1, shown)
        entries = Array(chosen.prefix(self.shown))
        more = chosen.count > self.shown
    }
}
