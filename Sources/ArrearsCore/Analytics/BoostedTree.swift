/// One regression tree of a gradient-boosted model, splitting on binned values
/// (`BoostedFeature`). Node 0 is the root.
public struct BoostedTree: Sendable, Codable, Equatable {
    public struct Node: Sendable, Codable, Equatable {
        /// The feature split on (an index into the model's features), or -1 at a leaf.
        public var feature: Int
        /// Rows whose bin is 1…`threshold` go left, higher value bins right.
        public var threshold: Int
        /// Where rows in the missing bin (0) go.
        public var missingGoesLeft: Bool
        public var left: Int
        public var right: Int
        /// At a leaf, the log-odds the tree adds (the learning rate applied).
        public var value: Double
        /// The training rows that reached the node: TreeSHAP's weights.
        public var cover: Double
        /// How much the split reduced the loss (0 at a leaf): the feature's importance.
        public var gain: Double

        public var isLeaf: Bool { feature < 0 }

        static func leaf(value: Double, cover: Double) -> Node {
            Node(feature: -1, threshold: 0, missingGoesLeft: false, left: -1, right: -1, value: value, cover: cover, gain: 0)
        }

        /// Whether a row with `bin` in the split feature goes left.
        @inline(__always) func goesLeft(_ bin: UInt8) -> Bool { bin == 0 ? missingGoesLeft : Int(bin) <= threshold }
    }

    public var nodes: [Node]

    /// The log-odds the tree adds for a row whose bins are `row[base + feature * stride]`
    /// (stride 1: a row's bins side by side; the row count: one column per feature).
    @inline(__always) func value(_ row: UnsafeBufferPointer<UInt8>, base: Int, stride: Int = 1) -> Double {
        var index = 0
        while nodes[index].feature >= 0 {
            let node = nodes[index]
            index = node.goesLeft(row[base + node.feature * stride]) ? node.left : node.right
        }
        return nodes[index].value
    }

    /// The tree's value averaged over its training rows (the leaves weighted by cover).
    public var expectedValue: Double {
        let leaves = nodes.filter(\.isLeaf)
        let cover = leaves.reduce(0) { $0 + $1.cover }
        return cover > 0 ? leaves.reduce(0) { $0 + $1.value * $1.cover } / cover : 0
    }

    /// Adds each feature's SHAP value of the tree's output for one row to `contributions`
    /// (TreeSHAP, Lundberg, Erion and Lee 2018, algorithm 2, with the training rows' cover as the
    /// background): the row's value = `expectedValue` + the sum of what is added.
    func addContributions(_ row: UnsafeBufferPointer<UInt8>, base: Int, to contributions: inout [Double]) {
        var path = [PathElement](repeating: PathElement(), count: (nodes.count + 2) * (nodes.count + 3) / 2)
        shap(row, base, &contributions, node: 0, depth: 0, pathStart: 0, parentStart: 0, parentDepth: -1,
             zeroFraction: 1, oneFraction: 1, feature: -1, path: &path)
    }

    struct PathElement {
        var feature = -1
        var zeroFraction = 0.0
        var oneFraction = 0.0
        var weight = 0.0
    }

    /// The recursion of TreeSHAP; each level keeps its own copy of the path at `pathStart`.
    private func shap(
        _ row: UnsafeBufferPointer<UInt8>, _ base: Int, _ phi: inout [Double], node index: Int, depth uniqueDepth: Int,
        pathStart: Int, parentStart: Int, parentDepth: Int, zeroFraction: Double, oneFraction: Double, feature: Int, path: inout [PathElement]
    ) {
        var depth = uniqueDepth
        if parentDepth >= 0 {
            for offset in 0...parentDepth { path[pathStart + offset] = path[parentStart + offset] }
        }
        extend(&path, pathStart, depth, zeroFraction, oneFraction, feature)
        let node = nodes[index]
        if node.isLeaf {
            if depth >= 1 {
                for position in 1...depth {
                    let weight = unwoundSum(path, pathStart, depth, position)
                    let element = path[pathStart + position]
                    phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * node.value
                }
            }
            return
        }
        let hot = node.goesLeft(row[base + node.feature]) ? node.left : node.right
        let cold = hot == node.left ? node.right : node.left
        var incomingZero = 1.0, incomingOne = 1.0
        if depth >= 1, let position = (1...depth).first(where: { path[pathStart + $0].feature == node.feature }) {
            incomingZero = path[pathStart + position].zeroFraction
            incomingOne = path[pathStart + position].oneFraction
            unwind(&path, pathStart, depth, position)
            depth -= 1
        }
        let cover = node.cover > 0 ? node.cover : 1
        let next = pathStart + depth + 1
        shap(row, base, &phi, node: hot, depth: depth + 1, pathStart: next, parentStart: pathStart, parentDepth: depth,
             zeroFraction: nodes[hot].cover / cover * incomingZero, oneFraction: incomingOne, feature: node.feature, path: &path)
        shap(row, base, &phi, node: cold, depth: depth + 1, pathStart: next, parentStart: pathStart, parentDepth: depth,
             zeroFraction: nodes[cold].cover / cover * incomingZero, oneFraction: 0, feature: node.feature, path: &path)
    }

    private func extend(_ path: inout [PathElement], _ start: Int, _ depth: Int, _ zero: Double, _ one: Double, _ feature: Int) {
        path[start + depth] = PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: depth == 0 ? 1 : 0)
        var position = depth - 1
        while position >= 0 {
            path[start + position + 1].weight += one * path[start + position].weight * Double(position + 1) / Double(depth + 1)
            path[start + position].weight = zero * path[start + position].weight * Double(depth - position) / Double(depth + 1)
            position -= 1
        }
    }

    private func unwind(_ path: inout [PathElement], _ start: Int, _ depth: Int, _ index: Int) {
        let one = path[start + index].oneFraction, zero = path[start + index].zeroFraction
        var nextOnePortion = path[start + depth].weight
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let saved = path[start + position].weight
                path[start + position].weight = nextOnePortion * Double(depth + 1) / (Double(position + 1) * one)
                nextOnePortion = saved - path[start + position].weight * zero * Double(depth - position) / Double(depth + 1)
            } else {
                path[start + position].weight = path[start + position].weight * Double(depth + 1) / (zero * Double(depth - position))
            }
            position -= 1
        }
        for position in index..<depth {
            path[start + position].feature = path[start + position + 1].feature
            path[start + position].zeroFraction = path[start + position + 1].zeroFraction
            path[start + position].oneFraction = path[start + position + 1].oneFraction
        }
    }

    private func unwoundSum(_ path: [PathElement], _ start: Int, _ depth: Int, _ index: Int) -> Double {
        let one = path[start + index].oneFraction, zero = path[start + index].zeroFraction
        var nextOnePortion = path[start + depth].weight
        var total = 0.0
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let share = nextOnePortion * Double(depth + 1) / (Double(position + 1) * one)
                total += share
                nextOnePortion = path[start + position].weight - share * zero * Double(depth - position) / Double(depth + 1)
            } else if zero != 0 {
                total += path[start + position].weight / zero / (Double(depth - position) / Double(depth + 1))
            }
            position -= 1
        }
        return total
    }
}
