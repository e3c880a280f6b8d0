import ArrearsCore

/// The seed 004 strategy of `config/strategy.yaml`, built in code so that the core's tests need
/// no YAML; `StrategyConfigTests` checks the shipped file decides the same way.
enum StrategyFixture {
    static let businessDate = LocalDate(iso: "2026-11-23")!
    /// A customer in the champion cell (FNV-1a 64 of "arrears:C000001" mod 10,000 is 2129).
    static let championId = "C000001"
    /// A customer in the challenger cell (FNV-1a 64 of "arrears:C000007" mod 10,000 is 8551).
    static let challengerId = "C000007"

    static func strategy(
        version: String = "2026.1",
        cellSalt: String = Strategy.defaultCellSalt,
        visitPolicy: VisitPolicy = VisitPolicy(minOverdue: try! MajorAmount("5000"), minDays: 31)
    ) -> Strategy {
        try! Strategy(
            version: version,
            cellSalt: cellSalt,
            segmentRules: [
                SegmentRule(segment: .highRisk, ratings: [.d, .e], minDays: 31),
                SegmentRule(segment: .highRisk, minDays: 91),
                SegmentRule(segment: .prime, ratings: [.a, .b], maxDays: 30),
                SegmentRule(segment: .standard),
            ],
            treatments: [
                rule("legal_review", .legalReview, cadence: 30, segments: [.highRisk], minDays: 91),
                rule("prime_call", .call, cadence: 2, segments: [.prime], minDays: 16),
                rule("field_visit", .visit, cadence: 14, segments: [.standard, .highRisk], minDays: 31),
                rule("collection_letter", .letter, template: "collection_letter", cadence: 30, segments: [.standard, .highRisk], minDays: 61),
                rule("call", .call, cadence: 1, minDays: 16),
                rule("early_call", .call, cadence: 3, segments: [.standard, .highRisk], minDays: 8, maxDays: 15, cells: ["challenger"]),
                rule("prime_reminder_email", .email, template: "reminder_email", cadence: 5, segments: [.prime], minDays: 1, maxDays: 10),
                rule("prime_reminder_sms", .sms, template: "reminder_sms", cadence: 5, segments: [.prime], minDays: 11, maxDays: 15),
                rule("reminder_sms", .sms, template: "reminder_sms", cadence: 3, minDays: 1, maxDays: 15),
            ],
            visitPolicy: visitPolicy,
            holdPolicy: HoldPolicy(promiseGraceDays: 3),
            cells: [Cell(name: "champion", basisPoints: 8_000), Cell(name: "challenger", basisPoints: 2_000)],
            templates: [
                MessageTemplate(name: "reminder_sms", body: [
                    .zhCN: "尊敬的{name}：您应于{due_date}还款的{amount}{currency}已逾期{dpd}天，请通过 {pay_url} 还款。",
                    .en: "Dear {name}, your payment of {currency} {amount} due on {due_date} is {dpd} days overdue. Please pay at {pay_url}.",
                ]),
                MessageTemplate(name: "reminder_email",
                                subject: [.zhCN: "还款提醒：{amount}{currency}待还", .en: "Payment reminder: {currency} {amount} outstanding"],
                                body: [.zhCN: "尊敬的{name}：请于方便时通过 {pay_url} 还款。", .en: "Dear {name}, please pay at {pay_url}."]),
                MessageTemplate(name: "collection_letter", body: [.zhCN: "逾期还款通知：{amount}{currency}", .en: "Notice of overdue payment: {currency} {amount}"]),
            ])
    }

    static func rule(
        _ name: String, _ channel: Channel, template: String? = nil, cadence: Int, segments: Set<Segment>? = nil,
        minDays: Int? = nil, maxDays: Int? = nil, buckets: Set<String>? = nil, cells: Set<String>? = nil, minOverdue: String? = nil
    ) -> TreatmentRule {
        try! TreatmentRule(name: name, channel: channel, template: template, cadenceDays: cadence, segments: segments,
                           minDays: minDays, maxDays: maxDays, buckets: buckets, cells: cells, minOverdue: minOverdue,
                           description: name)
    }

    /// A CNY case of the champion cell; `overdue` in whole yuan.
    static func facts(
        rating: CreditRating = .c, dpd: Int, overdue: Int64 = 1_000, currency: Currency = .cny, id: String = championId,
        score: Int? = nil, promiseDueOn: LocalDate? = nil, arrangement: Bool = false, lastActedOn: [String: LocalDate] = [:]
    ) -> CaseFacts {
        CaseFacts(customerId: id, creditRating: rating, daysPastDue: dpd, overdueMinor: overdue * currency.minorUnitsPerMajor,
                  outstandingMinor: overdue * currency.minorUnitsPerMajor * 3, currency: currency, products: [.creditCard],
                  score: score, promiseToPayDueOn: promiseDueOn, arrangementActive: arrangement, lastActedOn: lastActedOn)
    }

    /// What the seed 004 strategy decides for `facts` on the business date.
    static func decide(_ facts: CaseFacts, on date: LocalDate = businessDate, strategy: Strategy = strategy()) -> Decision {
        strategy.decide(facts, on: date, buckets: .standard)
    }

    /// The name of the treatment acted on today, or nil when the outcome is not `.act`.
    static func actedTreatment(_ facts: CaseFacts, strategy: Strategy = strategy()) -> String? {
        guard case .act(let rule) = decide(facts, strategy: strategy).outcome else { return nil }
        return rule.name
    }
}
