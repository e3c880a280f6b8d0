/// A bank's collection strategy: how customers are segmented, which treatment each case gets on
/// each business date, when field visits are allowed, when chasing is on hold, how customers are
/// split into champion/challenger cells, and the words of every message.
///
/// A `Strategy` is always consistent: the initialiser checks every rule (see `StrategyError`), so
/// `decide` never meets an unknown template, an empty range or a case no segment rule matches.
/// Deciding is a pure function of the case's facts and the date, cheap enough to run for millions
/// of cases a day.
public struct Strategy: Sendable, Equatable {
    /// The salt used when no other is given.
    public static let defaultCellSalt = "arrears"

    /// The strategy's version, as written in its file; it does not affect cells.
    public let version: String
    /// Mixed into the hash that assigns cells; changing it reshuffles every customer.
    public let cellSalt: String
    /// Ordered; the first rule that matches gives the segment, and the last matches every case.
    public let segmentRules: [SegmentRule]
    /// Ordered; the first rule whose conditions hold decides the case's one treatment of the day.
    public let treatments: [TreatmentRule]
    public let visitPolicy: VisitPolicy
    public let holdPolicy: HoldPolicy
    /// Champion/challenger cells; their shares add up to 100%.
    public let cells: [Cell]
    /// Message templates by name.
    public let templates: [String: MessageTemplate]
    /// How the cells' results are compared (`comparison` in the strategy file).
    public let comparison: ComparisonPlan

    public init(
        version: String,
        cellSalt: String = Strategy.defaultCellSalt,
        segmentRules: [SegmentRule],
        treatments: [TreatmentRule],
        visitPolicy: VisitPolicy,
        holdPolicy: HoldPolicy,
        cells: [Cell],
        templates: [MessageTemplate],
        comparison: ComparisonPlan = .standard
    ) throws(StrategyError) {
        try StrategyValidator.check(version: version, segmentRules: segmentRules, treatments: treatments,
                                    visitPolicy: visitPolicy, holdPolicy: holdPolicy, cells: cells, templates: templates)
        self.version = version
        self.cellSalt = cellSalt
        self.segmentRules = segmentRules
        self.treatments = treatments
        self.visitPolicy = visitPolicy
        self.holdPolicy = holdPolicy
        self.cells = cells
        self.templates = Dictionary(uniqueKeysWithValues: templates.map { ($0.name, $0) })
        self.comparison = comparison
    }

    /// Checks that every bucket a treatment names exists in `scheme`, the bucket scheme the
    /// strategy will be decided with.
    public func validate(buckets scheme: BucketScheme) throws(StrategyError) {
        let known = Set(scheme.buckets.map(\.name))
        for (index, rule) in treatments.enumerated() {
            if let unknown = rule.buckets?.sorted().first(where: { !known.contains($0) }) {
                throw .unknownBucket(.treatment(index: index, name: rule.name), name: unknown)
            }
        }
    }

    /// The segment of the first rule that matches.
    public func segment(for facts: CaseFacts) -> Segment {
        for rule in segmentRules where rule.matches(facts) { return rule.segment }
        return segmentRules[segmentRules.count - 1].segment
    }

    /// The customer's champion/challenger cell: the 64-bit FNV-1a hash of `cellSalt + ":" + id`,
    /// modulo 10,000, falls into the cells' cumulative shares in their order. The same customer
    /// gets the same cell in every process and on every day, and across strategy versions as long
    /// as the salt, the cells' order and their shares stay the same.
    public func cell(forCustomer id: String) -> String {
        let point = Int(FNV1a.hash64(cellSalt + ":" + id) % 10_000)
        var upper = 0
        for cell in cells {
            upper += cell.basisPoints
            if point < upper { return cell.name }
        }
        return cells[cells.count - 1].name
    }

    /// What to do about a case on `date`:
    /// 1. a case that is not overdue (DPD 0) gets `.none`;
    /// 2. a pending promise to pay (until its due date plus grace), then an active arrangement,
    ///    put the case on hold;
    /// 3. otherwise, of the treatments whose conditions hold (for visits, the visit policy's
    ///    thresholds too), in file order, the first that is due (not acted on in the last
    ///    `cadenceDays` days) is `.act`; when every one of them is within its cadence the case
    ///    waits (`.wait`) for the one due soonest; no such treatment gives `.none`.
    /// One treatment per case per day: the strongest due measure comes first in the file.
    public func decide(_ facts: CaseFacts, on date: LocalDate, buckets: BucketScheme) -> Decision {
        let segment = segment(for: facts)
        let cell = cell(forCustomer: facts.customerId)
        let bucket = buckets.bucket(forDaysPastDue: facts.daysPastDue).name
        func decision(_ outcome: Decision.Outcome) -> Decision {
            Decision(segment: segment, cell: cell, bucket: bucket, outcome: outcome)
        }
        guard facts.daysPastDue > 0 else { return decision(.none) }
        if let hold = holdPolicy.hold(facts, on: date) { return decision(.hold(hold)) }
        let applicable = applicableTreatments(facts, segment: segment, cell: cell, bucket: bucket)
        guard !applicable.isEmpty else { return decision(.none) }
        // The first applicable rule that is due acts; a rule still within its cadence gives way to
        // the next one, so a monthly letter leaves room for calls in between.
        var soonest: (rule: TreatmentRule, until: LocalDate)?
        for rule in applicable {
            guard let last = facts.lastActedOn[rule.name], date.days(since: last) < rule.cadenceDays else {
                return decision(.act(rule))
            }
            let until = last.adding(days: rule.cadenceDays)
            if soonest == nil || until < soonest!.until { soonest = (rule, until) }
        }
        return decision(.wait(soonest!.rule, until: soonest!.until))
    }
}
