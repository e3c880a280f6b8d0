extension Strategy {
    /// The priority of the task a treatment becomes, for assignment: higher goes first.
    ///
    /// `priority = rank(channel) × 10^16 + min(overdue, 10^12 − 1) × min(DPD, 9,999)`
    ///
    /// - `rank` orders channels: visit 5, legal review 4, call 3, letter 2, e-mail 1, SMS 0.
    ///   Visits come first because field teams are the scarcest and dearest resource.
    /// - Within a channel, the overdue amount (whole major units of the case currency, no
    ///   exchange rates) times the days past due: seeds 000 and 002 send field collectors first
    ///   to large overdue amounts and long overdue times, and the product weighs both (CNY 20,000
    ///   at 40 days comes before CNY 5,000 at 120 days). The caps keep the product below 10^16,
    ///   so a channel's rank is never outweighed.
    public func priority(of treatment: TreatmentRule, for facts: CaseFacts) -> Int64 {
        let overdue = min(max(facts.overdueMinor, 0) / facts.currency.minorUnitsPerMajor, 999_999_999_999)
        let days = Int64(min(max(facts.daysPastDue, 0), 9_999))
        return Int64(treatment.channel.priorityRank) * 10_000_000_000_000_000 + overdue * days
    }
}

extension Channel {
    /// The channel's place in task priority; see `Strategy.priority(of:for:)`.
    var priorityRank: Int {
        switch self {
        case .sms: 0
        case .email: 1
        case .letter: 2
        case .call: 3
        case .legalReview: 4
        case .visit: 5
        }
    }
}
