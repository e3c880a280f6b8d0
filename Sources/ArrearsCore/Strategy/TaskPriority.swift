extension Strategy {
    /// The priority of the task a treatment becomes, for assignment: higher goes first.
    ///
    /// `priority = tier × 10^16 + min(overdue, 10^12 − 1) × min(DPD, 9,999)`
    ///
    /// - `tier` is the channel's rank: visit 5, legal review 4, call 3, letter 2, e-mail 1, SMS 0.
    ///   Visits come first because field teams are the scarcest and dearest resource.
    /// - Within a tier, the overdue amount (whole major units of the case currency, no
    ///   exchange rates) times the days past due: seeds 000 and 002 send field collectors first
    ///   to large overdue amounts and long overdue times, and the product weighs both (CNY 20,000
    ///   at 40 days comes before CNY 5,000 at 120 days). The caps keep the product below 10^16,
    ///   so a tier is never outweighed.
    /// - With `visit_policy.priority_by: score`, a visit to a scored case gets a tier of its own
    ///   above tier 5: `6 + (900 − score)`, the score held to `rankedScores` (0…900), so the
    ///   lowest score goes first and equal scores go by the product. Visits to unscored cases keep
    ///   tier 5, after every scored visit: without a score nothing says a visit is needed more.
    ///   The highest tier, 906, keeps every priority below 907 × 10^16, under Int64.max
    ///   (≈ 922 × 10^16), and every visit above every other channel.
    public func priority(of treatment: TreatmentRule, for facts: CaseFacts) -> Int64 {
        let overdue = min(max(facts.overdueMinor, 0) / facts.currency.minorUnitsPerMajor, 999_999_999_999)
        let days = Int64(min(max(facts.daysPastDue, 0), 9_999))
        return tier(of: treatment.channel, for: facts) * 10_000_000_000_000_000 + overdue * days
    }

    /// The scores that visit priority tells apart; lower and higher ones rank as its ends. With
    /// the default scaling (`ScorecardSettings`: 600 points at odds of 50:1 of paying, 20 more
    /// each time the odds double) the ends are odds of about 2^24 to 1 against and 2^21 to 1 for
    /// paying, so only customers beyond those share an end's tier.
    static let rankedScores = 0...900

    private func tier(of channel: Channel, for facts: CaseFacts) -> Int64 {
        guard channel == .visit, visitPolicy.priorityBy == .score, let score = facts.score else { return Int64(channel.priorityRank) }
        let ranked = min(max(score, Self.rankedScores.lowerBound), Self.rankedScores.upperBound)
        return Int64(Channel.visit.priorityRank + 1 + Self.rankedScores.upperBound - ranked)
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
