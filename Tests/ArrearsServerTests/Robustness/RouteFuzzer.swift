import ArrearsCore
import ArrearsStore
import Foundation

/// Sends fuzz cases to a running server as one role or another and judges every answer:
/// - no 5xx and no dropped connection (a trapped server is restarted and the fuzzing goes on);
/// - under `/api`, every refusal (4xx) is the API's JSON error `{"error": {"code", ...}}`;
/// - a refused request (4xx) changed nothing: the database's fingerprint is the same after it.
final class RouteFuzzer {
    /// A broken promise, found once per route, input and kind of failure.
    struct Fault: CustomStringConvertible {
        let fuzzCase: FuzzCase
        let role: String
        let failure: String

        var key: String { "\(fuzzCase.route) \(fuzzCase.label) \(failure.prefix(16))" }
        var description: String { "\(fuzzCase.summary) as \(role): \(failure)" }
    }

    let server: FuzzServer
    var world: FuzzWorld
    private(set) var faults: [Fault] = []
    private(set) var sent = 0
    private(set) var unsendable = 0
    private var seen: Set<String> = []
    private var baseline: DatabaseFingerprint?

    /// Each request's summary, written before it is sent: the last line names a request that hangs.
    private let progress: FileHandle?

    init(server: FuzzServer, world: FuzzWorld) {
        self.server = server
        self.world = world
        let path = ProcessInfo.processInfo.environment["ARREARS_FUZZ_PROGRESS"] ?? server.directory.appendingPathComponent("fuzz-progress.log").path
        FileManager.default.createFile(atPath: path, contents: nil)
        progress = FileHandle(forWritingAtPath: path)
    }

    /// Sends `fuzzCase` as `caller` (nil: anonymous) and records what is wrong with the answer.
    func send(_ fuzzCase: FuzzCase, as caller: FuzzWorld.Caller?, withToken: Bool = true) async throws {
        if baseline == nil { baseline = try await DatabaseFingerprint.take(world.store) }
        var headers = fuzzCase.headers
        var body = fuzzCase.body
        if fuzzCase.isAPI {
            if let caller, withToken { headers.append(("Authorization", "Bearer \(caller.token)")) }
        } else if let caller, let cookie = caller.cookie {
            headers.append(("Cookie", "arrears_session=\(cookie)"))
            if let token = caller.csrfToken, !headers.contains(where: { $0.0 == "X-Fuzz-No-CSRF" }) { headers.append(("X-CSRF-Token", token)) }
        }
        headers.removeAll { $0.0 == "X-Fuzz-No-CSRF" }
        if let form = fuzzCase.form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(form.map { "\($0.0)=\(FuzzValues.percentEncoded($0.1))" }.joined(separator: "&").utf8)
        }
        sent += 1
        let role = caller.map { $0.role.rawValue } ?? "anonymous"
        progress?.write(Data("\(sent) \(fuzzCase.summary) as \(role)".utf8))
        let started = Date()
        let outcome = await server.send(fuzzCase.method, fuzzCase.path, headers: headers, body: body, raw: fuzzCase.longHead)
        progress?.write(Data(" → \(outcome.status) in \(Int(Date().timeIntervalSince(started) * 1000)) ms\n".utf8))
        switch outcome {
        case .unsendable:
            unsendable += 1
        case .dropped(let error):
            let stopped = try await server.restartIfStopped()
            if fuzzCase.headOverNIOLimit, !stopped { break }
            record(fuzzCase, role, stopped ? "the server stopped; its log:\n\(server.log(lines: 6))" : "dropped connection: \(error)")
            baseline = nil
        case .answered(let status, _, let text):
            if status >= 500 {
                record(fuzzCase, role, "\(status): \(text.prefix(300))")
                baseline = nil
            } else if (400..<500).contains(status) {
                if fuzzCase.isAPI, !Self.isAPIError(text) {
                    record(fuzzCase, role, "\(status) without the API's JSON error: \(text.prefix(200))")
                }
                let after = try await DatabaseFingerprint.take(world.store)
                if let baseline, after != baseline {
                    record(fuzzCase, role, "refused with \(status) but the database changed: \(after.changes(since: baseline))")
                }
                baseline = after
            } else {
                baseline = nil
                if (200..<300).contains(status), fuzzCase.method == "POST", fuzzCase.isAPI { learnId(from: text, route: fuzzCase.route) }
            }
        }
    }

    private func record(_ fuzzCase: FuzzCase, _ role: String, _ failure: String) {
        let fault = Fault(fuzzCase: fuzzCase, role: role, failure: failure)
        guard seen.insert(fault.key).inserted else { return }
        faults.append(fault)
    }

    /// A created thing's id, for the requests that follow (`POST /api/v1/visits` → a visit).
    private func learnId(from text: String, route: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any], let id = object["id"] as? String else { return }
        let segments = route.split(separator: " ").last?.split(separator: "/").map(String.init) ?? []
        guard let collection = segments.last, !collection.hasPrefix("{") else { return }
        world.ids.add(FuzzIds.kind(ofCollection: collection), [id])
    }

    static func isAPIError(_ text: String) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return false }
        return error["code"] is String && error["message"] is String
    }
}
