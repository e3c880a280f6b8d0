/// The consistency rules every `Strategy` obeys, checked once when it is built. The first problem
/// found is thrown; cells are checked before the treatments that name them.
enum StrategyValidator {
    static func check(
        version: String, segmentRules: [SegmentRule], treatments: [TreatmentRule], visitPolicy: VisitPolicy,
        holdPolicy: HoldPolicy, cells: [Cell], templates: [MessageTemplate]
    ) throws(StrategyError) {
        if version.isEmpty { throw .missing(.version) }
        try check(cells)
        try check(segmentRules)
        try check(treatments, cells: Set(cells.map(\.name)), templates: Set(templates.map(\.name)))
        try checkDays(.visitPolicy, ("min_days", visitPolicy.minDays))
        try checkDays(.holdPolicy, ("promise_grace_days", holdPolicy.promiseGraceDays))
        let emailTemplates = Set(treatments.filter { $0.channel == .email }.compactMap(\.template))
        try check(templates, sentByEmail: emailTemplates)
    }

    private static func check(_ rules: [SegmentRule]) throws(StrategyError) {
        guard let last = rules.indices.last else { throw .missing(.segmentRules) }
        for (index, rule) in rules.enumerated() {
            let part = StrategyError.Part.segmentRule(index: index)
            try checkDays(part, ("min_days", rule.minDays), ("max_days", rule.maxDays))
            try checkRange(part, ("min_days", rule.minDays), ("max_days", rule.maxDays))
            try checkRange(part, ("min_overdue", rule.minOverdue), ("max_overdue", rule.maxOverdue))
            try checkRange(part, ("min_score", rule.minScore), ("max_score", rule.maxScore))
            try checkNotEmpty(part, ("ratings", rule.ratings?.count), ("products", rule.products?.count))
        }
        if !rules[last].matchesEverything { throw .lastSegmentRuleHasConditions(.segmentRule(index: last)) }
    }

    private static func check(_ rules: [TreatmentRule], cells: Set<String>, templates: Set<String>) throws(StrategyError) {
        var names = Set<String>()
        for (index, rule) in rules.enumerated() {
            let part = StrategyError.Part.treatment(index: index, name: rule.name)
            if rule.name.isEmpty { throw .emptyName(part) }
            if !names.insert(rule.name).inserted { throw .duplicateName(part) }
            if rule.cadenceDays < 1 { throw .cadenceTooShort(part, days: rule.cadenceDays) }
            try checkDays(part, ("min_days", rule.minDays), ("max_days", rule.maxDays))
            try checkRange(part, ("min_days", rule.minDays), ("max_days", rule.maxDays))
            if rule.buckets != nil, rule.minDays != nil || rule.maxDays != nil { throw .daysAndBuckets(part) }
            try checkNotEmpty(part, ("segments", rule.segments?.count), ("buckets", rule.buckets?.count),
                              ("cells", rule.cells?.count), ("products", rule.products?.count))
            if let unknown = rule.cells?.sorted().first(where: { !cells.contains($0) }) { throw .unknownCell(part, name: unknown) }
            if let template = rule.template {
                // A letter's template is a file of `config/letters/`, checked when the letters are loaded.
                if rule.channel != .letter, !templates.contains(template) { throw .unknownTemplate(part, name: template) }
            } else if rule.channel.needsTemplate {
                throw .templateRequired(part, channel: rule.channel)
            }
        }
    }

    private static func check(_ cells: [Cell]) throws(StrategyError) {
        guard !cells.isEmpty else { throw .missing(.cells) }
        var names = Set<String>()
        var total = 0
        for (index, cell) in cells.enumerated() {
            let part = StrategyError.Part.cell(index: index, name: cell.name)
            if cell.name.isEmpty { throw .emptyName(part) }
            if !names.insert(cell.name).inserted { throw .duplicateName(part) }
            if !(1...10_000).contains(cell.basisPoints) { throw .cellShareOutOfRange(part, basisPoints: cell.basisPoints) }
            total += cell.basisPoints
            if let plan = cell.optimise {
                if !OptimisePlan.horizons.contains(plan.horizonDays) {
                    throw .optimiseOutOfRange(part, key: "optimise.horizon_days", value: String(plan.horizonDays),
                                              allowed: "from \(OptimisePlan.horizons.lowerBound) to \(OptimisePlan.horizons.upperBound) days")
                }
                if !(0...10_000).contains(plan.randomisedBasisPoints) {
                    throw .optimiseOutOfRange(part, key: "optimise.randomised_percent",
                                              value: MajorAmount.plainDecimal(Int64(plan.randomisedBasisPoints), minorDigits: 2), allowed: "from 0 to 100")
                }
            }
        }
        if total != 10_000 { throw .cellsDoNotAddUp(basisPoints: total) }
    }

    private static func check(_ templates: [MessageTemplate], sentByEmail: Set<String>) throws(StrategyError) {
        var names = Set<String>()
        for template in templates {
            let part = StrategyError.Part.template(name: template.name)
            if template.name.isEmpty { throw .emptyName(part) }
            if !names.insert(template.name).inserted { throw .duplicateName(part) }
            for language in Language.allCases {
                try checkText(part, "body.\(language.rawValue)", template.body[language], required: true)
                try checkText(part, "subject.\(language.rawValue)", template.subject[language],
                              required: sentByEmail.contains(template.name))
            }
        }
    }

    private static func checkText(_ part: StrategyError.Part, _ key: String, _ text: String?, required: Bool) throws(StrategyError) {
        guard let text, !text.isEmpty else {
            if required { throw .missingText(part, key: key) }
            return
        }
        guard let pieces = MessageTemplate.pieces(of: text) else { throw .unclosedPlaceholder(part, key: key) }
        for case .placeholder(let name) in pieces where !MessageTemplate.placeholders.contains(String(name)) {
            throw .unknownPlaceholder(part, key: key, placeholder: String(name))
        }
    }

    private static func checkDays(_ part: StrategyError.Part, _ settings: (key: String, days: Int?)...) throws(StrategyError) {
        for (key, days) in settings {
            if let days, days < 0 { throw .negativeDays(part, key: key, value: days) }
        }
    }

    private static func checkRange<Bound: Comparable>(
        _ part: StrategyError.Part, _ min: (key: String, value: Bound?), _ max: (key: String, value: Bound?)
    ) throws(StrategyError) {
        if let low = min.value, let high = max.value, low > high { throw .emptyRange(part, min: min.key, max: max.key) }
    }

    private static func checkNotEmpty(_ part: StrategyError.Part, _ lists: (key: String, count: Int?)...) throws(StrategyError) {
        for (key, count) in lists where count == 0 { throw .emptyList(part, key: key) }
    }
}
