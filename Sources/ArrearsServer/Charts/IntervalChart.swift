/// Estimates with their 95% confidence intervals on one shared scale, one row each: the strategy
/// cells side by side, the champion marked, so that overlap (or not) is visible at a glance.
struct IntervalChart {
    struct Item {
        let name: String
        let estimate: Double
        let low: Double
        let high: Double
        let highlighted: Bool
    }

    let id: String
    let title: String
    let items: [Item]
    var format: (Double) -> String = { String(format: "%.1f%%", $0 * 100) }

    var svg: String {
        let labelWidth = 140.0, plotWidth = 380.0, rowHeight = 28.0, axis = 22.0
        let width = labelWidth + plotWidth + 150, height = rowHeight * Double(max(items.count, 1)) + axis
        var out = SVG.open(id: id, width: width, height: height, title: title)
        let high = max(items.map(\.high).max() ?? 1, 1e-9), low = min(items.map(\.low).min() ?? 0, 0)
        func x(_ value: Double) -> Double { labelWidth + (value - low) / (high - low) * plotWidth }
        out += SVG.text(format(low), x: labelWidth, y: height - 6)
        out += SVG.text(format(high), x: labelWidth + plotWidth, y: height - 6, anchor: "end")
        for (index, item) in items.enumerated() {
            let middle = Double(index) * rowHeight + rowHeight / 2
            let colour = item.highlighted ? "#1f4e79" : "#9b1c1c"
            out += SVG.text(item.name, x: labelWidth - 8, y: middle + 4, anchor: "end")
            out += "<line class=\"interval\" data-item=\"\(SVG.escape(item.name))\" x1=\"\(SVG.number(x(item.low)))\" y1=\"\(SVG.number(middle))\" x2=\"\(SVG.number(x(item.high)))\" y2=\"\(SVG.number(middle))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            out += "<circle cx=\"\(SVG.number(x(item.estimate)))\" cy=\"\(SVG.number(middle))\" r=\"4\" fill=\"\(colour)\"/>"
            out += SVG.text("\(format(item.estimate)) [\(format(item.low)), \(format(item.high))]", x: labelWidth + plotWidth + 8, y: middle + 4)
        }
        return out + "</svg>"
    }
}
