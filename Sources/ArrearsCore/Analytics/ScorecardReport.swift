import Foundation

extension Scorecard {
    /// The scorecard as a bank's credit committee reads it: the scaling, the base points,
    /// per feature its kind (and for numeric ones the shape of the bins' event rates), information value, coefficient and every bin's rows, events,
    /// event rate, WoE, IV and points, and why each input feature was kept or left out.
    public func report() -> String {
        let scaling = ScoreScaling(settings)
        let goodWords = (settings.goodOutcome ?? .event) == .event ? "the event" : "no event"
        var lines = [
            "Scorecard: \(features.count) feature\(features.count == 1 ? "" : "s"); score = base points + the points of each feature's bin",
            String(format: "Scaling: %@ points at odds %@:1 of the good outcome (%@), %@ points to double the odds; the score rises with the good outcome (factor %.4f, offset %.4f)",
                   NumberText.short(settings.baseScore), NumberText.short(settings.baseOdds), goodWords, NumberText.short(settings.pointsToDoubleOdds),
                   scaling.factor, scaling.offset),
            String(format: "Base points: %d (intercept %.6f)", basePoints, intercept),
        ]
        let width = max(12, features.flatMap { $0.bins.map(\.label.count) }.max() ?? 0)
        for feature in features {
            lines.append("")
            let kind = feature.kind == .numeric ? "numeric, \(feature.monotonicity.rawValue)" : feature.kind.rawValue
            lines.append(String(format: "%@ (%@, IV %.4f, coefficient %.6f)", feature.name, kind, feature.informationValue, feature.coefficient))
            lines.append(pad("bin", width) + "      rows    events  event rate       WoE        IV  points")
            for bin in feature.bins {
                lines.append(pad(bin.label, width) + String(format: "%10d%10d%11.2f%%%10.4f%10.4f%8d", bin.count, bin.events, 100 * bin.eventRate, bin.weightOfEvidence, bin.informationValue, bin.points))
            }
        }
        if let selection, !selection.isEmpty {
            lines.append("")
            lines.append("Feature selection (by information value, then WoE correlation):")
            let nameWidth = max(12, selection.map(\.name.count).max() ?? 0)
            for feature in selection {
                lines.append(pad(feature.name, nameWidth) + String(format: "  IV %.4f  ", feature.informationValue) + feature.reason)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
