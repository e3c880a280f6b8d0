/// Stages that each keep part of the one before (attempts → right-party contacts → promises →
/// kept), as bars scaled to the largest, with the count and the share of the previous stage.
struct FunnelChart {
    struct Stage {
        let name: String
        let count: Int
    }

    let id: String
    let title: String
    let stages: [Stage]

    var svg: String {
        let labelWidth = 150.0, barWidth = 360.0, rowHeight = 30.0
        let width = labelWidth + barWidth + 120, height = rowHeight * Double(max(stages.count, 1)) + 8
        var out = SVG.open(id: id, width: width, height: height, title: title)
        let largest = Double(max(stages.map(\.count).max() ?? 0, 1))
        for (index, stage) in stages.enumerated() {
            let top = 4 + rowHeight * Double(index)
            let length = max(1, Double(stage.count) / largest * barWidth)
            out += SVG.text(stage.name, x: labelWidth - 8, y: top + rowHeight / 2 + 4, anchor: "end")
            out += "<rect class=\"stage\" data-stage=\"\(SVG.escape(stage.name))\" x=\"\(SVG.number(labelWidth + (barWidth - length) / 2))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(length))\" height=\"\(SVG.number(rowHeight - 6))\" fill=\"#1f4e79\"/>"
            var caption = String(stage.count)
            if index > 0, stages[index - 1].count > 0 {
                caption += " (" + String(format: "%.1f%%", Double(stage.count) / Double(stages[index - 1].count) * 100) + ")"
            }
            out += SVG.text(caption, x: labelWidth + barWidth + 8, y: top + rowHeight / 2 + 4)
        }
        return out + "</svg>"
    }
}
