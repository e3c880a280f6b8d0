import Foundation

/// Grows one `BoostedTree` on binned rows from the gradients and hessians of the loss: gradient
/// and hessian sums per bin of every feature (a histogram) for the rows of each leaf, the
/// larger child's histogram as its parent's less the smaller child's, and the leaf whose best
/// split gains most split first, until `maxLeaves`. A split of a numeric or categorical
/// feature sends value bins 1…t left and the rest right; the missing bin goes to whichever
/// side gains more (to the larger side when the node has no missing values).
///
/// Monotone constraints as LightGBM's basic method: a split of a constrained feature must put
/// the leaf values in the constraint's order, and bounds every value below it to the side of
/// the midpoint of the two, so the whole tree keeps the order.
struct TreeLearner {
    /// One column per feature: row r's bin of feature f is `bins[f * rowCount + r]`.
    let bins: [UInt8]
    let rowCount: Int
    let featureCount: Int
    /// Bins of each feature, the missing bin included.
    let binCounts: [Int]
    /// Per feature: +1 increasing, -1 decreasing, 0 free.
    let constraints: [Int8]
    let settings: GradientBoostingSettings
    private let offsets: [Int]
    private let histogramSize: Int

    init(bins: [UInt8], rowCount: Int, featureCount: Int, binCounts: [Int], constraints: [Int8], settings: GradientBoostingSettings) {
        self.bins = bins
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.binCounts = binCounts
        self.constraints = constraints
        self.settings = settings
        var offsets = [Int](), total = 0
        for count in binCounts {
            offsets.append(total)
            total += count
        }
        self.offsets = offsets
        histogramSize = total * 3
    }

    /// From this many rows a histogram or a partition is shared between two tasks.
    static let parallelRows = 16_384

    private struct Split {
        var feature = -1
        var threshold = 0
        var missingGoesLeft = false
        var gain = 0.0
        var leftValue = 0.0
        var rightValue = 0.0
        var leftGradient = 0.0
        var leftHessian = 0.0
    }

    private struct Leaf {
        var begin: Int
        var end: Int
        var gradient: Double
        var hessian: Double
        var depth: Int
        var node: Int
        var lower: Double
        var upper: Double
        var histogram: [Double]
        var split: Split?
        var count: Int { end - begin }
    }

    /// The leaf value −G/(H + λ), kept within the bounds.
    @inline(__always) private func output(_ gradient: Double, _ hessian: Double, _ lower: Double, _ upper: Double) -> Double {
        min(max(-gradient / (hessian + settings.l2), lower), upper)
    }

    /// How much a leaf of value `value` lowers the second-order loss (G²/(H + λ) at the optimum).
    @inline(__always) private func leafGain(_ gradient: Double, _ hessian: Double, _ value: Double) -> Double {
        -(2 * gradient * value + (hessian + settings.l2) * value * value)
    }

    /// A grown tree, with the rows of `grow` arranged by leaf: leaf `node` holds `rows[range]`.
    struct Grown {
        let tree: BoostedTree
        let rows: [Int32]
        let leaves: [(node: Int, range: Range<Int>)]
    }

    /// A tree grown on `rows` (ascending indices into the bins, each at most once) splitting on
    /// `features`, from the gradients and hessians of every row side by side (`pairs[r]` is row
    /// r's gradient and hessian).
    func grow(pairs: [SIMD2<Float>], rows: [Int32], features: [Int]) -> Grown {
        var order = rows
        var scratch = [Int32](repeating: 0, count: rows.count)
        var gradient = 0.0, hessian = 0.0
        pairs.withUnsafeBufferPointer { pairs in
            for row in rows {
                let pair = pairs[Int(row)]
                gradient += Double(pair.x)
                hessian += Double(pair.y)
            }
        }
        let rootValue = output(gradient, hessian, -.infinity, .infinity)
        var nodes = [BoostedTree.Node.leaf(value: rootValue * settings.learningRate, cover: Double(rows.count))]
        var root = Leaf(begin: 0, end: rows.count, gradient: gradient, hessian: hessian, depth: 0, node: 0, lower: -.infinity, upper: .infinity,
                        histogram: histogram(order, 0, rows.count, pairs, features))
        root.split = bestSplit(root, features)
        var leaves = [root]
        while leaves.count < settings.maxLeaves {
            var chosen = -1, best = settings.minGain
            for (index, leaf) in leaves.enumerated() {
                if let split = leaf.split, split.gain > best {
                    best = split.gain
                    chosen = index
                }
            }
            guard chosen >= 0, let split = leaves[chosen].split else { break }
            let parent = leaves[chosen]
            let leftEnd = partition(&order, &scratch, parent.begin, parent.end, split)
            var leftLower = parent.lower, leftUpper = parent.upper, rightLower = parent.lower, rightUpper = parent.upper
            let middle = (split.leftValue + split.rightValue) / 2
            if constraints[split.feature] > 0 {
                leftUpper = min(leftUpper, middle)
                rightLower = max(rightLower, middle)
            } else if constraints[split.feature] < 0 {
                leftLower = max(leftLower, middle)
                rightUpper = min(rightUpper, middle)
            }
            let leftNode = nodes.count
            nodes[parent.node].feature = split.feature
            nodes[parent.node].threshold = split.threshold
            nodes[parent.node].missingGoesLeft = split.missingGoesLeft
            nodes[parent.node].gain = split.gain
            nodes[parent.node].left = leftNode
            nodes[parent.node].right = leftNode + 1
            var left = Leaf(begin: parent.begin, end: leftEnd, gradient: split.leftGradient, hessian: split.leftHessian, depth: parent.depth + 1,
                            node: leftNode, lower: leftLower, upper: leftUpper, histogram: [])
            var right = Leaf(begin: leftEnd, end: parent.end, gradient: parent.gradient - split.leftGradient, hessian: parent.hessian - split.leftHessian,
                             depth: parent.depth + 1, node: leftNode + 1, lower: rightLower, upper: rightUpper, histogram: [])
            nodes.append(.leaf(value: split.leftValue * settings.learningRate, cover: Double(left.count)))
            nodes.append(.leaf(value: split.rightValue * settings.learningRate, cover: Double(right.count)))
            let canSplit = parent.depth + 1 < settings.maxDepth && leaves.count + 1 < settings.maxLeaves
            if canSplit {
                var larger = parent.histogram
                let smaller: [Double]
                if left.count <= right.count {
                    smaller = histogram(order, left.begin, left.end, pairs, features)
                    left.histogram = smaller
                } else {
                    smaller = histogram(order, right.begin, right.end, pairs, features)
                    right.histogram = smaller
                }
                larger.withUnsafeMutableBufferPointer { larger in
                    smaller.withUnsafeBufferPointer { smaller in
                        for feature in features {
                            let base = offsets[feature] * 3
                            for index in base..<base + binCounts[feature] * 3 { larger[index] -= smaller[index] }
                        }
                    }
                }
                if left.histogram.isEmpty { left.histogram = larger } else { right.histogram = larger }
                left.split = bestSplit(left, features)
                right.split = bestSplit(right, features)
            }
            leaves[chosen] = left
            leaves.append(right)
        }
        return Grown(tree: BoostedTree(nodes: nodes), rows: order, leaves: leaves.map { ($0.node, $0.begin..<$0.end) })
    }

    /// Arranges `order[begin..<end]` so that the rows `split` sends left come first, each side
    /// in its former order (so the result does not depend on how the work is shared); returns
    /// where the right side begins. From `parallelRows` rows, two halves at once.
    private func partition(_ order: inout [Int32], _ scratch: inout [Int32], _ begin: Int, _ end: Int, _ split: Split) -> Int {
        let halves = end - begin >= Self.parallelRows ? 2 : 1
        let bounds = (0...halves).map { begin + (end - begin) * $0 / halves }
        var lefts = [Int](repeating: 0, count: halves)
        let threshold = split.threshold, missingLeft = split.missingGoesLeft
        order.withUnsafeMutableBufferPointer { order in
            scratch.withUnsafeMutableBufferPointer { scratch in
                bins.withUnsafeBufferPointer { bins in
                    lefts.withUnsafeMutableBufferPointer { lefts in
                        let shared = Shared(order: order, scratch: scratch, bins: bins, lefts: lefts)
                        let column = split.feature * rowCount
                        // Each half keeps its left rows in place and writes its right rows to the scratch, without branches.
                        let work: @Sendable (Int) -> Void = { half in
                            var leftEnd = bounds[half], rightEnd = bounds[half]
                            for position in bounds[half]..<bounds[half + 1] {
                                let row = shared.order[position]
                                let bin = shared.bins[column + Int(row)]
                                let left = bin == 0 ? missingLeft : Int(bin) <= threshold
                                shared.order[leftEnd] = row
                                shared.scratch[rightEnd] = row
                                leftEnd += left ? 1 : 0
                                rightEnd += left ? 0 : 1
                            }
                            shared.lefts[half] = leftEnd - bounds[half]
                        }
                        if halves == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: halves, execute: work) }
                        var write = begin + lefts[0]
                        for half in 1..<halves {
                            for position in bounds[half]..<bounds[half] + lefts[half] {
                                order[write] = order[position]
                                write += 1
                            }
                        }
                        for half in 0..<halves {
                            let rights = bounds[half + 1] - bounds[half] - lefts[half]
                            for position in bounds[half]..<bounds[half] + rights {
                                order[write] = scratch[position]
                                write += 1
                            }
                        }
                    }
                }
            }
        }
        return begin + lefts.reduce(0, +)
    }

    /// Gradient, hessian and row count per bin of `features`, over the rows `order[begin..<end]`:
    /// each feature's column is read in row order into its own part of the histogram, four
    /// features at a time, the features shared between two tasks (each feature's sums are
    /// added in row order whoever computes them, so the result does not depend on the sharing).
    private func histogram(_ order: [Int32], _ begin: Int, _ end: Int, _ pairs: [SIMD2<Float>], _ features: [Int]) -> [Double] {
        var histogram = [Double](repeating: 0, count: histogramSize)
        let count = end - begin
        histogram.withUnsafeMutableBufferPointer { histogram in
            pairs.withUnsafeBufferPointer { pairs in
                order.withUnsafeBufferPointer { order in
                    bins.withUnsafeBufferPointer { bins in
                        let shared = HistogramInput(order: UnsafeBufferPointer(rebasing: order[begin..<end]), pairs: pairs, bins: bins, histogram: histogram)
                        let tasks = count >= Self.parallelRows / 4 && features.count > 1 ? 2 : 1
                        let work: @Sendable (Int) -> Void = { task in
                            let mine = Array(stride(from: task, to: features.count, by: tasks).map { features[$0] })
                            let block = 8192
                            for blockStart in stride(from: 0, to: count, by: block) {
                                let blockEnd = min(count, blockStart + block)
                                var next = 0
                                // Four features at a time: one read of the row and its gradients for four
                                // sums, and four independent chains of additions for the processor.
                                while next + 4 <= mine.count {
                                    let c0 = mine[next] &* rowCount, c1 = mine[next + 1] &* rowCount
                                    let c2 = mine[next + 2] &* rowCount, c3 = mine[next + 3] &* rowCount
                                    let t0 = offsets[mine[next]] &* 3, t1 = offsets[mine[next + 1]] &* 3
                                    let t2 = offsets[mine[next + 2]] &* 3, t3 = offsets[mine[next + 3]] &* 3
                                    for position in blockStart..<blockEnd {
                                        let row = Int(shared.order[position])
                                        let pair = shared.pairs[row]
                                        let gradient = Double(pair.x), hessian = Double(pair.y)
                                        let s0 = t0 &+ Int(shared.bins[c0 &+ row]) &* 3, s1 = t1 &+ Int(shared.bins[c1 &+ row]) &* 3
                                        let s2 = t2 &+ Int(shared.bins[c2 &+ row]) &* 3, s3 = t3 &+ Int(shared.bins[c3 &+ row]) &* 3
                                        shared.histogram[s0] += gradient
                                        shared.histogram[s1] += gradient
                                        shared.histogram[s2] += gradient
                                        shared.histogram[s3] += gradient
                                        shared.histogram[s0 &+ 1] += hessian
                                        shared.histogram[s1 &+ 1] += hessian
                                        shared.histogram[s2 &+ 1] += hessian
                                        shared.histogram[s3 &+ 1] += hessian
                                        shared.histogram[s0 &+ 2] += 1
                                        shared.histogram[s1 &+ 2] += 1
                                        shared.histogram[s2 &+ 2] += 1
                                        shared.histogram[s3 &+ 2] += 1
                                    }
                                    next += 4
                                }
                                while next < mine.count {
                                    let column = mine[next] &* rowCount, target = offsets[mine[next]] &* 3
                                    for position in blockStart..<blockEnd {
                                        let row = Int(shared.order[position])
                                        let slot = target &+ Int(shared.bins[column &+ row]) &* 3
                                        let pair = shared.pairs[row]
                                        shared.histogram[slot] += Double(pair.x)
                                        shared.histogram[slot &+ 1] += Double(pair.y)
                                        shared.histogram[slot &+ 2] += 1
                                    }
                                    next += 1
                                }
                            }
                        }
                        if tasks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: tasks, execute: work) }
                    }
                }
            }
        }
        return histogram
    }

    /// The split of `leaf` that gains most, or nil when none is allowed.
    private func bestSplit(_ leaf: Leaf, _ features: [Int]) -> Split? {
        let minimum = Double(settings.minSamplesPerLeaf), minimumHessian = settings.minHessianPerLeaf
        guard leaf.depth < settings.maxDepth, Double(leaf.count) >= 2 * minimum else { return nil }
        let parentGain = leafGain(leaf.gradient, leaf.hessian, output(leaf.gradient, leaf.hessian, leaf.lower, leaf.upper))
        let total = (gradient: leaf.gradient, hessian: leaf.hessian, count: Double(leaf.count))
        var best = Split()
        best.gain = settings.minGain
        leaf.histogram.withUnsafeBufferPointer { histogram in
            for feature in features {
                let base = offsets[feature] * 3
                let missing = (gradient: histogram[base], hessian: histogram[base + 1], count: histogram[base + 2])
                let constraint = constraints[feature]
                var left = (gradient: 0.0, hessian: 0.0, count: 0.0)
                for threshold in 1..<binCounts[feature] {
                    let slot = base + threshold * 3
                    left.gradient += histogram[slot]
                    left.hessian += histogram[slot + 1]
                    left.count += histogram[slot + 2]
                    for missingGoesLeft in [false, true] {
                        if missingGoesLeft, missing.count == 0 { continue }
                        var l = left
                        if missingGoesLeft {
                            l.gradient += missing.gradient
                            l.hessian += missing.hessian
                            l.count += missing.count
                        }
                        let r = (gradient: total.gradient - l.gradient, hessian: total.hessian - l.hessian, count: total.count - l.count)
                        guard l.count >= minimum, r.count >= minimum, l.hessian >= minimumHessian, r.hessian >= minimumHessian else { continue }
                        let leftValue = output(l.gradient, l.hessian, leaf.lower, leaf.upper)
                        let rightValue = output(r.gradient, r.hessian, leaf.lower, leaf.upper)
                        if constraint > 0, leftValue > rightValue { continue }
                        if constraint < 0, leftValue < rightValue { continue }
                        let gain = leafGain(l.gradient, l.hessian, leftValue) + leafGain(r.gradient, r.hessian, rightValue) - parentGain
                        if gain > best.gain {
                            best = Split(feature: feature, threshold: threshold, missingGoesLeft: missingGoesLeft || (missing.count == 0 && l.count >= r.count),
                                         gain: gain, leftValue: leftValue, rightValue: rightValue, leftGradient: l.gradient, leftHessian: l.hessian)
                        }
                    }
                }
            }
        }
        return best.feature >= 0 ? best : nil
    }
}

/// The buffers one partition shares between its two tasks, which write disjoint parts.
private struct Shared: @unchecked Sendable {
    let order: UnsafeMutableBufferPointer<Int32>
    let scratch: UnsafeMutableBufferPointer<Int32>
    let bins: UnsafeBufferPointer<UInt8>
    let lefts: UnsafeMutableBufferPointer<Int>
}

/// The buffers one histogram shares between its two tasks, which write disjoint features.
private struct HistogramInput: @unchecked Sendable {
    let order: UnsafeBufferPointer<Int32>
    let pairs: UnsafeBufferPointer<SIMD2<Float>>
    let bins: UnsafeBufferPointer<UInt8>
    let histogram: UnsafeMutableBufferPointer<Double>
}
