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
    /// Row-major: row r's bin of feature f is `bins[r * featureCount + f]`.
    let bins: [UInt8]
    let featureCount: Int
    /// Bins of each feature, the missing bin included.
    let binCounts: [Int]
    /// Per feature: +1 increasing, -1 decreasing, 0 free.
    let constraints: [Int8]
    let settings: GradientBoostingSettings
    private let offsets: [Int]
    private let histogramSize: Int

    init(bins: [UInt8], featureCount: Int, binCounts: [Int], constraints: [Int8], settings: GradientBoostingSettings) {
        self.bins = bins
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

    private struct Split {
        var feature = -1
        var threshold = 0
        var missingGoesLeft = false
        var gain = 0.0
        var leftValue = 0.0
        var rightValue = 0.0
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

    /// A tree grown on `rows` (indices into the bins, each at most once) splitting on `features`.
    func grow(gradients: [Double], hessians: [Double], rows: [Int32], features: [Int]) -> Grown {
        var order = rows
        var scratch = [Int32](repeating: 0, count: rows.count)
        var gradient = 0.0, hessian = 0.0
        for row in rows {
            gradient += gradients[Int(row)]
            hessian += hessians[Int(row)]
        }
        let rootValue = output(gradient, hessian, -.infinity, .infinity)
        var nodes = [BoostedTree.Node.leaf(value: rootValue * settings.learningRate, cover: Double(rows.count))]
        var root = Leaf(begin: 0, end: rows.count, gradient: gradient, hessian: hessian, depth: 0, node: 0, lower: -.infinity, upper: .infinity,
                        histogram: histogram(order, 0, rows.count, gradients, hessians, features))
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
            // Stable partition of the parent's rows: left rows first.
            var leftEnd = parent.begin, rightCount = 0
            var leftGradient = 0.0, leftHessian = 0.0
            order.withUnsafeMutableBufferPointer { order in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    bins.withUnsafeBufferPointer { bins in
                        for position in parent.begin..<parent.end {
                            let row = order[position]
                            let bin = bins[Int(row) * featureCount + split.feature]
                            let left = bin == 0 ? split.missingGoesLeft : Int(bin) <= split.threshold
                            if left {
                                order[leftEnd] = row
                                leftEnd += 1
                                leftGradient += gradients[Int(row)]
                                leftHessian += hessians[Int(row)]
                            } else {
                                scratch[rightCount] = row
                                rightCount += 1
                            }
                        }
                        for index in 0..<rightCount { order[leftEnd + index] = scratch[index] }
                    }
                }
            }
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
            var left = Leaf(begin: parent.begin, end: leftEnd, gradient: leftGradient, hessian: leftHessian, depth: parent.depth + 1, node: leftNode,
                            lower: leftLower, upper: leftUpper, histogram: [])
            var right = Leaf(begin: leftEnd, end: parent.end, gradient: parent.gradient - leftGradient, hessian: parent.hessian - leftHessian,
                             depth: parent.depth + 1, node: leftNode + 1, lower: rightLower, upper: rightUpper, histogram: [])
            nodes.append(.leaf(value: split.leftValue * settings.learningRate, cover: Double(left.count)))
            nodes.append(.leaf(value: split.rightValue * settings.learningRate, cover: Double(right.count)))
            let canSplit = parent.depth + 1 < settings.maxDepth && leaves.count + 1 < settings.maxLeaves
            if canSplit {
                var larger = parent.histogram
                let smaller: [Double]
                if left.count <= right.count {
                    smaller = histogram(order, left.begin, left.end, gradients, hessians, features)
                    left.histogram = smaller
                } else {
                    smaller = histogram(order, right.begin, right.end, gradients, hessians, features)
                    right.histogram = smaller
                }
                larger.withUnsafeMutableBufferPointer { larger in
                    smaller.withUnsafeBufferPointer { smaller in
                        for index in 0..<histogramSize { larger[index] -= smaller[index] }
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

    /// Gradient, hessian and row count per bin of `features`, over `order[begin..<end]`; from
    /// 65,536 rows in two halves at once, added in a fixed order (so the sums do not depend on
    /// the machine).
    private func histogram(_ order: [Int32], _ begin: Int, _ end: Int, _ gradients: [Double], _ hessians: [Double], _ features: [Int]) -> [Double] {
        guard end - begin >= 1 << 16 else { return histogramPart(order, begin, end, gradients, hessians, features) }
        let middle = begin + (end - begin) / 2
        let slots = Slots<[Double]>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            slots.set(half, half == 0 ? histogramPart(order, begin, middle, gradients, hessians, features)
                                      : histogramPart(order, middle, end, gradients, hessians, features))
        }
        let halves = slots.values
        var total = halves[0]
        total.withUnsafeMutableBufferPointer { total in
            halves[1].withUnsafeBufferPointer { second in
                for index in 0..<total.count { total[index] += second[index] }
            }
        }
        return total
    }

    private func histogramPart(_ order: [Int32], _ begin: Int, _ end: Int, _ gradients: [Double], _ hessians: [Double], _ features: [Int]) -> [Double] {
        var histogram = [Double](repeating: 0, count: histogramSize)
        let slots = features.map { offsets[$0] }
        histogram.withUnsafeMutableBufferPointer { histogram in
            bins.withUnsafeBufferPointer { bins in
                order.withUnsafeBufferPointer { order in
                    gradients.withUnsafeBufferPointer { gradients in
                        hessians.withUnsafeBufferPointer { hessians in
                            features.withUnsafeBufferPointer { features in
                                slots.withUnsafeBufferPointer { slots in
                                    for position in begin..<end {
                                        let row = Int(order[position])
                                        let gradient = gradients[row], hessian = hessians[row]
                                        let base = row * featureCount
                                        for index in 0..<features.count {
                                            let slot = (slots[index] + Int(bins[base + features[index]])) * 3
                                            histogram[slot] += gradient
                                            histogram[slot + 1] += hessian
                                            histogram[slot + 2] += 1
                                        }
                                    }
                                }
                            }
                        }
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
                                         gain: gain, leftValue: leftValue, rightValue: rightValue)
                        }
                    }
                }
            }
        }
        return best.feature >= 0 ? best : nil
    }
}
