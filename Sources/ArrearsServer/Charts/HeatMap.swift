/// A matrix of shares as coloured cells, darker for larger shares, each cell showing its text:
/// the bucket transition matrix (from rows to columns).
struct HeatMap {
    let id: String
    let title: String
    let rows: [String]
    let columns: [String]
    /// Shares in 0…1 that set each cell's shade (nil: no data).
    let shares: [[Double?]]
    /// What each cell says.
    let texts: [[String]]

    var svg: String {
        let labelWidth = 72.0, header = 26.0, cellWidth = 64.0, cellHeight = 26.0
        let width = labelWidth + cellWidth * Double(columns.count), height = header + cellHeight * Double(rows.count)
        var out = SVG.open(id: id, width: width, height: height, title: title)
        for (column, name) in columns.enumerated() {
            out += SVG.text(name, x: labelWidth + cellWidth * (Double(column) + 0.5), y: header - 8, anchor: "middle")
        }
        for (row, name) in rows.enumerated() {
            let top = header + cellHeight * Double(row)
            out += SVG.text(name, x: labelWidth - 6, y: top + cellHeight / 2 + 4, anchor: "end")
            for column in columns.indices {
                let share = shares[row][column]
                let left = labelWidth + cellWidth * Double(column)
                let lightness = share.map { 96 - 56 * min(max($0, 0), 1) } ?? 98
                out += "<rect x=\"\(SVG.number(left))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(cellWidth - 2))\" height=\"\(SVG.number(cellHeight - 2))\" fill=\"hsl(0, 60%, \(SVG.number(lightness))%)\" data-row=\"\(SVG.escape(name))\" data-column=\"\(SVG.escape(columns[column]))\"/>"
                out += SVG.text(texts[row][column], x: left + cellWidth / 2 - 1, y: top + cellHeight / 2 + 4, anchor: "middle",
                                className: (share ?? 0) > 0.55 ? "label light" : "label")
            }
        }
        return out + "</svg>"
    }
}
