/// Chooses one option per case (or no contact) so that the total net value is as large as the
/// resources allow: a scarce channel goes to the cases where it gains most over their best
/// option that needs no resource.
///
/// ## Method
/// The problem is a multiple-choice knapsack with unit weights, which is a weighted bipartite
/// b-matching between cases (one unit each) and resources (their capacities), the edge weights
/// being an option's gain over the case's best option without a resource. Two solutions are
/// built and the better one is kept:
///
/// 1. **Lagrangian prices.** Each resource gets a price per unit; at given prices every case
///    takes the option with the highest value minus price. The prices are found by exact
///    coordinate descent on the Lagrangian dual: one resource at a time, its price is set to the
///    (capacity + 1)-th highest bid for it (a case's bid is what the resource's best option is
///    worth to it over its best other option at the other prices), so that no more cases want
///    it than it has units; rounds repeat until no price changes (at most `maximumRounds`). The
///    cases are then served by decreasing bid, a case that finds its resource full taking its
///    best option that still fits, and any units left are given to the cases that gain most
///    from them.
/// 2. **Greedy.** Every (case, option) pair with a positive gain over the case's best option
///    without a resource, by decreasing gain, is taken while the case is free and the resource
///    has room.
///
/// ## How close to the optimum
/// - The result is never below half the optimum: the greedy solution of a weighted b-matching is
///   at least half of the best one, and the options without a resource only add to both.
/// - Each result carries `upperBound`, the Lagrangian dual at the final prices: by weak duality
///   no choice can exceed it, so `upperBound - total` bounds the shortfall of that very day. The
///   b-matching's linear relaxation has integral optima, so at the best prices the bound equals
///   the optimum and the reported gap is the true distance of the prices from the best ones.
/// - With one resource (or resources no case shares) the prices are exact and the result is
///   optimal. `AllocatorTests` checks all three claims against brute force on hand-made and
///   random small cases.
///
/// ## Cost
/// O(options × rounds) for the prices, each coordinate's (capacity + 1)-th bid found by
/// selection in linear expected time, plus two sorts of the cases that want a resource: 3.5 to
/// 5 s for a million cases of three options over eight resources, built with `-O` on the shared
/// 2-core machine under a load of 15 (docs/optimisation-deciding.md).
public enum Allocator {
    /// Coordinate-descent rounds over all resources before the prices are taken as they are.
    public static let maximumRounds = 30

    public static func solve(_ problem: AllocationProblem) -> Allocation {
        let byPrices = priced(problem)
        let byGreedy = greedy(problem)
        let best = byGreedy.total > byPrices.solution.total ? byGreedy : byPrices.solution
        return Allocation(choices: best.choices, total: best.total, upperBound: max(byPrices.bound, best.total), prices: byPrices.prices,
                          rounds: byPrices.rounds, method: best.total == byPrices.solution.total ? .prices : .greedy)
    }

    struct Solution {
        /// Per case, the chosen option's position in the problem's arrays, or -1 for no contact.
        var choices: [Int32]
        var total: Int64
    }

    // MARK: Lagrangian prices

    static func priced(_ problem: AllocationProblem) -> (solution: Solution, bound: Int64, prices: [Int64], rounds: Int) {
        let resourceCount = problem.capacities.count
        var prices = [Int64](repeating: 0, count: resourceCount)
        // The cases that have an option on each resource.
        var casesOf = [[Int32]](repeating: [], count: resourceCount)
        for index in 0..<problem.caseCount {
            for position in problem.options(of: index) {
                let resource = Int(problem.resources[position])
                // Cases come in order, so a case already listed for the resource is its last.
                if resource >= 0, casesOf[resource].last != Int32(index) { casesOf[resource].append(Int32(index)) }
            }
        }
        var rounds = 0
        var bids: [Int64] = []
        while rounds < maximumRounds {
            rounds += 1
            var changed = false
            for resource in 0..<resourceCount {
                bids.removeAll(keepingCapacity: true)
                for index in casesOf[resource] {
                    let bid = self.bid(of: Int(index), for: resource, problem: problem, prices: prices)
                    if bid > 0 { bids.append(bid) }
                }
                let capacity = problem.capacities[resource]
                let price = bids.count > capacity ? Selection.largest(capacity + 1, in: &bids) : 0
                if price != prices[resource] { prices[resource] = price; changed = true }
            }
            if !changed { break }
        }
        return (serve(problem, prices: prices), dual(problem, prices: prices), prices, rounds)
    }

    /// What `resource` is worth to case `index` at `prices`: its best option there over its best
    /// option elsewhere (or no contact), both at the other resources' prices.
    static func bid(of index: Int, for resource: Int, problem: AllocationProblem, prices: [Int64]) -> Int64 {
        var here = Int64.min, elsewhere: Int64 = 0
        for position in problem.options(of: index) {
            let optionResource = Int(problem.resources[position])
            if optionResource == resource {
                here = max(here, problem.values[position])
            } else {
                elsewhere = max(elsewhere, problem.values[position] - (optionResource >= 0 ? prices[optionResource] : 0))
            }
        }
        return here == Int64.min ? 0 : here - elsewhere
    }

    /// The Lagrangian dual at `prices`: each case's best value net of prices (no contact is 0),
    /// plus every resource's capacity at its price. No feasible choice is worth more.
    static func dual(_ problem: AllocationProblem, prices: [Int64]) -> Int64 {
        var total: Int64 = 0
        for index in 0..<problem.caseCount {
            var best: Int64 = 0
            for position in problem.options(of: index) {
                let resource = Int(problem.resources[position])
                best = max(best, problem.values[position] - (resource >= 0 ? prices[resource] : 0))
            }
            total += best
        }
        for (resource, price) in prices.enumerated() { total += price * Int64(problem.capacities[resource]) }
        return total
    }

    /// Serves every case its best option at `prices`, the cases that want a resource by
    /// decreasing margin over their best other option, so that a full resource turns away those
    /// that gain least from it; then fills what is left.
    static func serve(_ problem: AllocationProblem, prices: [Int64]) -> Solution {
        var left = problem.capacities
        var choices = [Int32](repeating: -1, count: problem.caseCount)
        var wanting: [(margin: Int64, index: Int32)] = []
        for index in 0..<problem.caseCount {
            var best: Int64 = 0, bestPosition = -1, bestFree: Int64 = 0, bestFreePosition = -1
            for position in problem.options(of: index) {
                let resource = Int(problem.resources[position])
                let value = problem.values[position] - (resource >= 0 ? prices[resource] : 0)
                if value > best { best = value; bestPosition = position }
                if resource < 0, problem.values[position] > bestFree { bestFree = problem.values[position]; bestFreePosition = position }
            }
            if bestPosition >= 0, problem.resources[bestPosition] >= 0 {
                wanting.append((best - bestFree, Int32(index)))
            } else {
                choices[index] = Int32(bestFreePosition)
            }
        }
        wanting.sort { ($0.margin, $1.index) > ($1.margin, $0.index) }
        for (_, index) in wanting {
            choices[Int(index)] = Int32(bestFitting(Int(index), problem: problem, prices: prices, left: left))
            let resource = choices[Int(index)] >= 0 ? Int(problem.resources[Int(choices[Int(index)])]) : -1
            if resource >= 0 { left[resource] -= 1 }
        }
        fill(problem, choices: &choices, left: &left)
        return Solution(choices: choices, total: total(problem, choices))
    }

    /// Case `index`'s best option, net of `prices`, among those without a resource or whose
    /// resource has a unit left; -1 when no contact is best.
    private static func bestFitting(_ index: Int, problem: AllocationProblem, prices: [Int64], left: [Int]) -> Int {
        var best: Int64 = 0, bestPosition = -1
        for position in problem.options(of: index) {
            let resource = Int(problem.resources[position])
            if resource >= 0, left[resource] <= 0 { continue }
            let value = problem.values[position] - (resource >= 0 ? prices[resource] : 0)
            // Between options equally good at the prices, the one worth more in itself.
            if value > best || (value == best && bestPosition >= 0 && problem.values[position] > problem.values[bestPosition]) {
                best = value; bestPosition = position
            }
        }
        return bestPosition
    }

    /// Gives the units still left to the cases that gain most by moving to them.
    private static func fill(_ problem: AllocationProblem, choices: inout [Int32], left: inout [Int]) {
        guard left.contains(where: { $0 > 0 }) else { return }
        var moves: [(gain: Int64, index: Int32, position: Int32)] = []
        for index in 0..<problem.caseCount {
            let current = choices[index] >= 0 ? problem.values[Int(choices[index])] : 0
            for position in problem.options(of: index) {
                let resource = Int(problem.resources[position])
                guard resource >= 0, left[resource] > 0, problem.values[position] > current else { continue }
                moves.append((problem.values[position] - current, Int32(index), Int32(position)))
            }
        }
        moves.sort { ($0.gain, $1.index, $1.position) > ($1.gain, $0.index, $0.position) }
        var moved = Set<Int32>()
        for move in moves where !moved.contains(move.index) {
            let resource = Int(problem.resources[Int(move.position)])
            guard left[resource] > 0 else { continue }
            let current = choices[Int(move.index)]
            if current >= 0, problem.resources[Int(current)] >= 0 { left[Int(problem.resources[Int(current)])] += 1 }
            choices[Int(move.index)] = move.position
            left[resource] -= 1
            moved.insert(move.index)
        }
    }

    // MARK: Greedy

    static func greedy(_ problem: AllocationProblem) -> Solution {
        var choices = [Int32](repeating: -1, count: problem.caseCount)
        var base = [Int64](repeating: 0, count: problem.caseCount)
        var pairs: [(gain: Int64, index: Int32, position: Int32)] = []
        for index in 0..<problem.caseCount {
            for position in problem.options(of: index) where problem.resources[position] < 0 && problem.values[position] > base[index] {
                base[index] = problem.values[position]
                choices[index] = Int32(position)
            }
            for position in problem.options(of: index) where problem.resources[position] >= 0 && problem.values[position] > base[index] {
                pairs.append((problem.values[position] - base[index], Int32(index), Int32(position)))
            }
        }
        // The base is final before the pairs are read, so gains over a later free option are
        // recomputed here.
        pairs = pairs.compactMap { pair in
            let gain = problem.values[Int(pair.position)] - base[Int(pair.index)]
            return gain > 0 ? (gain, pair.index, pair.position) : nil
        }
        pairs.sort { ($0.gain, $1.index, $1.position) > ($1.gain, $0.index, $0.position) }
        var left = problem.capacities
        var taken = [Bool](repeating: false, count: problem.caseCount)
        for pair in pairs where !taken[Int(pair.index)] {
            let resource = Int(problem.resources[Int(pair.position)])
            guard left[resource] > 0 else { continue }
            left[resource] -= 1
            taken[Int(pair.index)] = true
            choices[Int(pair.index)] = pair.position
        }
        return Solution(choices: choices, total: total(problem, choices))
    }

    static func total(_ problem: AllocationProblem, _ choices: [Int32]) -> Int64 {
        choices.reduce(0) { $0 + ($1 >= 0 ? problem.values[Int($1)] : 0) }
    }
}
