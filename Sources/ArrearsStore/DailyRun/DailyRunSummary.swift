import Foundation

/// What a daily run did, printed at its end and kept in `run_days`.
public struct DailyRunSummary: Codable, Sendable, Equatable {
    public var businessDate: String
    public var strategyVersion: String
    /// True when the date had already been run: nothing was changed this time.
    public var alreadyCompleted = false
    public var paymentsPostedToday = 0
    public var accounts = 0
    public var delinquentAccounts = 0
    public var promisesSettled: [String: Int] = [:]
    /// Arrangements completed or broken today, by status (optional: runs recorded before
    /// arrangements have none).
    public var arrangementsSettled: [String: Int]?
    public var casesOpened = 0
    public var casesClosed = 0
    public var casesOpen = 0
    /// How the day wrote the cases it decided (optional: runs recorded before it have none).
    public var casesWritten: CaseWrites?
    public var actions = 0
    public var bySegment: [String: Int] = [:]
    public var byBucket: [String: Int] = [:]
    public var byTreatment: [String: Int] = [:]
    public var byCell: [String: Int] = [:]
    public var byStatus: [String: Int] = [:]
    /// The policy pack the treatments were checked against, and how many each rule blocked
    /// (optional: runs recorded before the policy check have neither).
    public var policyPack: String?
    public var blockedByRule: [String: Int]?
    /// Seconds spent loading contact records and checking treatments against the pack.
    public var policySeconds: Double?
    /// Accounts scored per target by the active models, and each model's PSI that day
    /// (optional: runs recorded before scoring have none).
    public var scoring: ScoringSummary?
    public var messagesQueued = 0
    /// Collection letters made for `arrears letters print` (optional: runs recorded before
    /// letters have none).
    public var lettersQueued: Int?
    public var tasksAssigned = 0
    public var tasksQueued = 0
    public var seconds = 0.0
    /// Seconds each step took (`DailyRunStepClock`), for `/metrics` (optional: runs recorded
    /// before it have none).
    public var stepSeconds: [String: Double]?
    /// What the optimised cells chose (optional: runs without an optimised cell have none).
    public var optimisation: OptimisationSummary?

    public init(businessDate: String, strategyVersion: String) {
        self.businessDate = businessDate
        self.strategyVersion = strategyVersion
    }

    /// A few lines for the terminal.
    public var text: String {
        func counts(_ values: [String: Int]) -> String {
            values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = ["run-day \(businessDate) (strategy \(strategyVersion))" + (alreadyCompleted ? ": already completed; nothing changed" : "")]
        lines.append("  accounts \(accounts), delinquent \(delinquentAccounts); payments dated today \(paymentsPostedToday)")
        lines.append("  promises settled: \(promisesSettled.isEmpty ? "none" : counts(promisesSettled))")
        if let arrangementsSettled, !arrangementsSettled.isEmpty { lines.append("  arrangements settled: \(counts(arrangementsSettled))") }
        lines.append("  cases: opened \(casesOpened), closed \(casesClosed), open \(casesOpen)")
        if let casesWritten {
            lines.append("  cases written: \(casesWritten.full) in full, \(casesWritten.daysPastDueOnly) only their DPD, \(casesWritten.unchanged) not at all")
        }
        lines.append("  actions \(actions): messages queued \(messagesQueued), letters queued \(lettersQueued ?? 0), tasks assigned \(tasksAssigned), tasks waiting in queues \(tasksQueued)")
        lines.append("  by status: \(counts(byStatus))")
        if let policyPack {
            lines.append("  policy pack \(policyPack); blocked by rule: \((blockedByRule ?? [:]).isEmpty ? "none" : counts(blockedByRule ?? [:]))"
                         + String(format: "; checking took %.2f s", policySeconds ?? 0))
        }
        if let scoring, !scoring.scored.isEmpty {
            lines.append("  scored: " + scoring.scored.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value) (PSI " + String(format: "%.3f", scoring.psi[$0.key] ?? 0) + ")" }.joined(separator: ", "))
        }
        lines.append("  by segment: \(counts(bySegment))")
        lines.append("  by bucket: \(counts(byBucket))")
        lines.append("  by treatment: \(counts(byTreatment))")
        lines.append("  by cell: \(counts(byCell))")
        if let optimisation { lines.append(optimisation.text) }
        lines.append(String(format: "  took %.2f s", seconds))
        return lines.joined(separator: "\n")
    }
}

/// How a daily run wrote the cases it decided: a day writes only what changed (`DailyRun`).
public struct CaseWrites: Codable, Sendable, Equatable {
    /// New cases and open cases whose segment, cell, bucket, currency or overdue amount moved,
    /// written in full.
    public var full: Int
    /// Open cases of which only the days past due moved: that column alone was updated.
    public var daysPastDueOnly: Int
    /// Open cases that nothing about moved: not written.
    public var unchanged: Int

    public init(full: Int, daysPastDueOnly: Int, unchanged: Int) {
        self.full = full
        self.daysPastDueOnly = daysPastDueOnly
        self.unchanged = unchanged
    }
}
