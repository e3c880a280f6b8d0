import ArrearsCore
import ArrearsStore
import Foundation

extension VisitWorkflow {
    /// The visits whose window starts on `date` (UTC), of one team (`agentId`) or of all, each
    /// team's in route order from its start point (`VisitRoute`), teams in name order. Cancelled
    /// visits are no stops: left out, or with `includingCancelled` after their team's route in
    /// the order of their windows (a supervisor sees what was called off).
    ///
    /// With `zone`, `date` is a date there (a field agent's today in the bank's zone): the visits
    /// whose window starts on it in that zone, whatever their UTC date.
    public func day(_ date: LocalDate, agentId: String?, includingCancelled: Bool = false, in zone: TimeZone? = nil) async throws -> [StoredVisit] {
        // A local date lies within a day of its UTC dates.
        let (from, through) = zone == nil ? (date, date) : (date.adding(days: -1), date.adding(days: 1))
        var visits = try await records.visits(from: from, through: through, agentId: agentId, includingCancelled: includingCancelled)
        if let zone {
            visits = visits.filter { visit in UTCTimestamp.instant(visit.startsAt).map { LocalMoment($0, in: zone).date == date } ?? false }
        }
        let teams = Dictionary(grouping: visits, by: \.agentId)
        return teams.keys.sorted().flatMap { team in
            let visits = teams[team] ?? []
            return VisitRoute.order(visits.filter { $0.status != .cancelled }, from: places.startPoints[team], location: \.location)
                + visits.filter { $0.status == .cancelled }
        }
    }
}
