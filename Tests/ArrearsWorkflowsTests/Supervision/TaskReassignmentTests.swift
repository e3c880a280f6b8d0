import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// A supervisor's move of an open task, on tasks kept in memory: refused unless the new agent
/// exists, works the task's channel and does not already have it.
final class TaskReassignmentTests: XCTestCase {
    let team = [
        Agent(id: "col-1", name: "Wang", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 40),
        Agent(id: "col-2", name: "Li", kind: .collector, channels: [.call], languages: [.zhCN], regions: [], dailyCapacity: 40),
        Agent(id: "field-1", name: "East team", kind: .fieldTeam, channels: [.visit], languages: [.zhCN], regions: [], dailyCapacity: 6),
    ]

    func records() -> InMemoryTaskAssignments {
        InMemoryTaskAssignments(tasks: ["T1": OpenTaskAssignment(caseId: "K1", channel: "call", assignedTo: "col-1")], users: ["u-col": [.call]])
    }

    func refusal(_ records: InMemoryTaskAssignments, task: String = "T1", to agent: String) async -> ReassignmentError? {
        do {
            try await TaskReassignment.reassign(taskId: task, to: agent, configured: team, by: "user:sup", records: records)
            return nil
        } catch let error as ReassignmentError { return error } catch { XCTFail("\(error)"); return nil }
    }

    func testACallGoesToAnotherCollectorAndIsAudited() async throws {
        let records = records()
        try await TaskReassignment.reassign(taskId: "T1", to: "col-2", configured: team, by: "user:sup", records: records)
        XCTAssertEqual(records.assignees, ["T1": "col-2"])
        XCTAssertEqual(records.audit.map(\.action), ["task.reassign"])
        XCTAssertEqual(records.audit.first?.details, ["case_id": "K1", "from": "col-1", "to": "col-2"])
    }

    func testAnActiveUsersAgentIdTakesTheTaskToo() async throws {
        let records = records()
        try await TaskReassignment.reassign(taskId: "T1", to: "u-col", configured: team, by: "user:sup", records: records)
        XCTAssertEqual(records.assignees, ["T1": "u-col"])
    }

    func testAMoveToSomeoneWhoCannotWorkTheTaskIsRefusedAndChangesNothing() async throws {
        let records = records()
        let unknown = await refusal(records, to: "nobody")
        XCTAssertEqual(unknown, .invalid(field: "agent_id", message: "agent_id nobody is not an agent of the team"))
        let fieldTeam = await refusal(records, to: "field-1")
        XCTAssertEqual(fieldTeam, .invalid(field: "agent_id", message: "agent_id field-1 does not work call tasks"))
        let same = await refusal(records, to: "col-1")
        XCTAssertEqual(same, .invalid(field: "agent_id", message: "the task is already assigned to col-1"))
        let closed = await refusal(records, task: "T9", to: "col-2")
        XCTAssertEqual(closed, .notFound(field: "id", message: "there is no such open task"))
        XCTAssertEqual(records.assignees, ["T1": "col-1"])
        XCTAssertTrue(records.audit.isEmpty)
    }
}
