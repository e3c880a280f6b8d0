import ArrearsCore
import ArrearsStore
import Foundation

/// The day's choice for the cases of optimised cells (issue 27, "Decide by it";
/// docs/optimisation-deciding.md): each allowed treatment is valued as the expected repayment
/// within the cell's horizon over no contact (`RepaymentForecast`) minus the channel's unit cost
/// (`config/costs.yaml`); a randomised share of cases has its channel drawn at random among the
/// allowed ones and no contact; `Allocator` chooses for the others within the teams' capacity
/// and the daily budgets (`CapacityPools`).
enum OptimisedDay {
    /// A case of an optimised cell waiting for the allocation, with the treatments its rules, the
    /// policy pack and its contact points allow today.
    struct Candidate {
        let customer: CaseInputs.Customer
        let caseId: String
        let facts: CaseFacts
        let decision: Decision
        let plan: OptimisePlan
        let treatments: [TreatmentRule]
    }

    /// What was chosen for one case, and why.
    struct Choice {
        /// nil: no contact.
        let treatment: TreatmentRule?
        /// The probability the choice had: 1 when allocated, 1/(allowed + 1) when drawn at random.
        let propensity: String
        /// The choice's expected net value, in minor units of the case's currency (0 for no contact).
        let expectedValueMinor: Int64
        /// The best other choice (a channel, or `none`) and its expected net value; nil when there was no other.
        let alternative: (channel: String, valueMinor: Int64)?
    }

    struct Settings {
        let strategy: Strategy
        let date: LocalDate
        let agents: [Agent]
        let budgets: [Channel: Int]
        let costs: ChannelCosts?
        let response: any RepaymentForecast
        let usedBaseline: Bool
    }

    static func choose(_ candidates: [Candidate], settings: Settings) -> (choices: [Choice], summary: OptimisationSummary) {
        let strategy = settings.strategy
        var pools = CapacityPools(agents: settings.agents, budgets: settings.budgets, basisPoints: strategy.optimisedBasisPoints)
        var summary = OptimisationSummary()
        summary.response = settings.response.name
        summary.usedBaseline = settings.usedBaseline
        summary.cases = candidates.count

        // Each allowed treatment's value and resources; a task no team can take is not allowed.
        var valued: [[(treatment: TreatmentRule, value: Int64, resources: [Int]?)]] = []
        valued.reserveCapacity(candidates.count)
        for candidate in candidates {
            let facts = candidate.facts, segment = candidate.decision.segment, horizon = candidate.plan.horizonDays
            let unprompted = settings.response.expectedRepayment(facts, segment: segment, channel: nil, horizonDays: horizon)
            var options: [(treatment: TreatmentRule, value: Int64, resources: [Int]?)] = []
            for treatment in candidate.treatments {
                let resources = pools.resources(for: treatment.channel, language: candidate.customer.language, region: candidate.customer.region)
                if let resources, resources.isEmpty { continue }
                let expected = settings.response.expectedRepayment(facts, segment: segment, channel: treatment.channel, horizonDays: horizon)
                let cost = settings.costs.flatMap { $0.currency == facts.currency ? $0.unitMinor[treatment.channel] : nil } ?? 0
                let value = clamp(expected) - clamp(unprompted) - clamp(cost)
                options.append((treatment, value, resources))
            }
            valued.append(options)
        }

        // The randomised share draws first and takes its units outside the allocation.
        var drawn = [Int?](repeating: nil, count: candidates.count)
        var randomised = [Bool](repeating: false, count: candidates.count)
        for (index, candidate) in candidates.enumerated()
        where candidate.plan.randomises(customerId: candidate.customer.id, on: settings.date, salt: strategy.cellSalt) {
            randomised[index] = true
            let pick = OptimisePlan.draw(among: valued[index].count + 1, customerId: candidate.customer.id, on: settings.date, salt: strategy.cellSalt)
            guard pick < valued[index].count else { continue }
            drawn[index] = pick
            if let resources = valued[index][pick].resources { pools.takeOne(of: resources) }
        }

        var problem = AllocationProblem(capacities: pools.capacities)
        var optionTreatment: [Int32] = []
        var caseIndex: [Int] = []
        for (index, options) in valued.enumerated() where !randomised[index] {
            var flat: [(value: Int64, resource: Int?)] = []
            for (position, option) in options.enumerated() {
                for resource in option.resources ?? [-1] {
                    flat.append((option.value, resource >= 0 ? resource : nil))
                    optionTreatment.append(Int32(position))
                }
            }
            problem.addCase(flat)
            caseIndex.append(index)
        }
        let allocation = Allocator.solve(problem)
        var allocated = [Int?](repeating: nil, count: candidates.count)
        for (problemCase, index) in caseIndex.enumerated() {
            let position = allocation.choices[problemCase]
            if position >= 0 { allocated[index] = Int(optionTreatment[Int(position)]) }
        }

        var choices: [Choice] = []
        choices.reserveCapacity(candidates.count)
        var randomisedValue: Int64 = 0
        for index in candidates.indices {
            let options = valued[index]
            let chosen = randomised[index] ? drawn[index] : allocated[index]
            let value = chosen.map { options[$0].value } ?? 0
            // The best other choice: another allowed channel, or no contact (worth 0).
            var alternative: (channel: String, valueMinor: Int64)? = chosen == nil ? nil : ("none", 0)
            for (position, option) in options.enumerated() where position != chosen {
                if option.value > (alternative?.valueMinor ?? .min) { alternative = (option.treatment.channel.rawValue, option.value) }
            }
            let propensity = randomised[index] ? probability(1, over: options.count + 1) : "1"
            choices.append(Choice(treatment: chosen.map { options[$0].treatment }, propensity: propensity, expectedValueMinor: value,
                                  alternative: alternative))
            summary.byChannel[chosen.map { options[$0].treatment.channel.rawValue } ?? "none", default: 0] += 1
            if randomised[index] { summary.randomised += 1; randomisedValue += value }
        }
        summary.expectedNetMinor = allocation.total + randomisedValue
        summary.upperBoundMinor = allocation.upperBound + randomisedValue
        summary.method = allocation.method.rawValue
        summary.rounds = allocation.rounds
        return (choices, summary)
    }

    /// An amount held within the allocation's bounds, so that a difference of two cannot overflow.
    private static func clamp(_ value: Int64) -> Int64 {
        min(max(value, -AllocationProblem.maximumValue), AllocationProblem.maximumValue)
    }

    /// `numerator / denominator` as a decimal with six places, `1` when it is one.
    static func probability(_ numerator: Int, over denominator: Int) -> String {
        guard denominator > 0, numerator < denominator else { return "1" }
        let millionths = (numerator * 1_000_000 + denominator / 2) / denominator
        return "0." + String(repeating: "0", count: 6 - String(millionths).count) + String(millionths)
    }
}
