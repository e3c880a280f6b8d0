import ArrearsCore
import SQLKit

/// What happened on a case beyond what `CaseFile` carries, for the case page's timeline: the
/// customer's field visits, the messages the outbox sent or holds for them, and the legal steps
/// of the case. Newest first, at most `limit` of each.
public struct CaseHistory: Sendable {
    public struct Visit: Sendable, Equatable {
        public let id: String
        public let startsAt: String
        public let status: String
        public let agentId: String
    }

    public struct Message: Sendable, Equatable {
        public let id: String
        public let channel: String
        public let businessDate: String
        public let status: String
        public let sentAt: String?
    }

    public struct LegalStep: Sendable, Equatable {
        public let legalCaseId: String
        public let stage: String
        public let enteredOn: String
        public let note: String?
    }

    public static let limit = 50

    public let visits: [Visit]
    public let messages: [Message]
    public let legalSteps: [LegalStep]

    public static func load(caseId: String, customerId: String, on database: any SQLDatabase) async throws -> CaseHistory {
        let visits = try await database.raw("""
            SELECT id, starts_at, status, agent_id FROM visits WHERE customer_id = \(bind: customerId) ORDER BY starts_at DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            Visit(id: try row.decode(column: "id", as: String.self), startsAt: try row.decode(column: "starts_at", as: String.self),
                  status: try row.decode(column: "status", as: String.self), agentId: try row.decode(column: "agent_id", as: String.self))
        }
        let messages = try await database.raw("""
            SELECT id, channel, business_date, status, sent_at FROM outbox_messages WHERE customer_id = \(bind: customerId)
            ORDER BY business_date DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            Message(id: try row.decode(column: "id", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                    businessDate: try row.decode(column: "business_date", as: String.self), status: try row.decode(column: "status", as: String.self),
                    sentAt: try row.decode(column: "sent_at", as: String?.self))
        }
        let steps = try await database.raw("""
            SELECT s.legal_case_id, s.stage, s.entered_on, s.note FROM legal_stages s JOIN legal_cases l ON l.id = s.legal_case_id
            WHERE l.case_id = \(bind: caseId) ORDER BY s.entered_on DESC, s.sequence DESC LIMIT \(bind: limit)
            """).all().map { row in
            LegalStep(legalCaseId: try row.decode(column: "legal_case_id", as: String.self), stage: try row.decode(column: "stage", as: String.self),
                      enteredOn: try row.decode(column: "entered_on", as: String.self), note: try row.decode(column: "note", as: String?.self))
        }
        return CaseHistory(visits: visits, messages: messages, legalSteps: steps)
    }
}
