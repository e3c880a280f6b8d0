/// A trend over time: one polyline per series over shared x labels, with the value range on the
/// left and the first and last labels underneath.
struct LineChart {
    struct Series {
        let name: String
        let values: [Double?]
        let colour: String
    }

    let id: String
    let title: String
    let labels: [String]
    let series: [Series]
    var format: (Double) -> String = { SVG.number($0) }
    var width = 640.0
    var height = 200.0

    var svg: String {
        let left = 56.0, right = 12.0, top = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } }
        var out = SVG.open(id: id, width: width, height: height, title: title)
        guard let low = all.min(), let high = all.max(), labels.count >= 1 else {
            return out + "</svg>"
        }
        let floor = min(low, 0), span = max(high - floor, 1e-9)
        func x(_ index: Int) -> Double { left + (labels.count == 1 ? plotWidth / 2 : Double(index) / Double(labels.count - 1) * plotWidth) }
        func y(_ value: Double) -> Double { top + plotHeight - (value - floor) / span * plotHeight }
        out += "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(top + plotHeight))\" x2=\"\(SVG.number(left + plotWidth))\" y2=\"\(SVG.number(top + plotHeight))\" class=\"axis\"/>"
        out += SVG.text(format(high), x: left - 6, y: y(high) + 4, anchor: "end")
        out += SVG.text(format(floor), x: left - 6, y: y(floor) + 4, anchor: "end")
        out += SVG.text(labels[0], x: left, y: height - 8)
        if labels.count > 1 { out += SVG.text(labels[labels.count - 1], x: left + plotWidth, y: height - 8, anchor: "end") }
        for line in series {
            let points = line.values.enumerated().compactMap { index, value in value.map { "\(SVG.number(x(index))),\(SVG.number(y($0)))" } }
            out += "<polyline class=\"series\" data-series=\"\(SVG.escape(line.name))\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVG.escape(line.colour))\" stroke-width=\"2\"/>"
            for (index, value) in line.values.enumerated() {
                guard let value else { continue }
                out += "<circle cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(value)))\" r=\"2.5\" fill=\"\(SVG.escape(line.colour))\"><title>\(SVG.escape(line.name)) \(SVG.escape(labels[index])): \(SVG.escape(format(value)))</title></circle>"
            }
        }
        return out + "</svg>"
    }
}
