extension Strategy {
    /// Whether any cell optimises (`OptimisePlan`).
    public var optimises: Bool { cells.contains { $0.optimise != nil } }

    /// The optimised cells' share of customers, in basis points: the share of every team's
    /// capacity they choose within and are assigned from.
    public var optimisedBasisPoints: Int { cells.filter { $0.optimise != nil }.reduce(0) { $0 + $1.basisPoints } }

    /// The plan of `cell` when that cell optimises; nil for a cell that decides by its rules.
    public func optimisePlan(forCell cell: String) -> OptimisePlan? {
        cells.first { $0.name == cell }?.optimise
    }

    /// The treatments a case of an optimised cell may get on `date`, given the strategy's
    /// `decision` for it: the rules are its guardrails. Of the treatments whose conditions hold
    /// (segment, days or bucket, cell, overdue, products, and for visits the visit policy), in
    /// file order, the first of each channel that is due (not acted on within its
    /// `cadenceDays`). Empty when the decision was a hold or nothing, or every rule that applies
    /// is within its cadence. The daily run then removes what the policy pack blocks.
    public func allowedTreatments(_ facts: CaseFacts, on date: LocalDate, decision: Decision) -> [TreatmentRule] {
        guard decision.outcome.isActOrWait else { return [] }
        var seen = Set<Channel>()
        var allowed: [TreatmentRule] = []
        for rule in applicableTreatments(facts, segment: decision.segment, cell: decision.cell, bucket: decision.bucket)
        where !seen.contains(rule.channel) {
            if let last = facts.lastActedOn[rule.name], date.days(since: last) < rule.cadenceDays { continue }
            seen.insert(rule.channel)
            allowed.append(rule)
        }
        return allowed
    }

    /// The treatments whose conditions hold for a case, visits within the visit policy, in file order.
    func applicableTreatments(_ facts: CaseFacts, segment: Segment, cell: String, bucket: String) -> [TreatmentRule] {
        treatments.filter {
            $0.applies(to: facts, segment: segment, cell: cell, bucket: bucket)
                && ($0.channel != .visit || visitPolicy.allowsVisit(to: facts))
        }
    }
}

extension Decision.Outcome {
    /// Whether a treatment applies (due today, or waiting for its cadence): the outcomes an
    /// optimised cell decides again by value.
    public var isActOrWait: Bool {
        switch self {
        case .act, .wait: true
        case .hold, .none: false
        }
    }
}
