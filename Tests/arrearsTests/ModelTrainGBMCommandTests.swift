import ArrearsTestSupport
import AsyncHTTPClient
import Foundation
import XCTest

/// `arrears model train --model gbm`: boosted trees trained on the portfolio's history, registered
/// as a candidate beside the scorecards, activated, and used by `run-day`: every score is kept with
/// points on the scorecard's scale and TreeSHAP reasons, which the case file API returns.
final class ModelTrainGBMCommandTests: ServedCommandTestCase {
    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func testABoostedModelIsTrainedRegisteredAndScoresTheDailyRunWithReasons() async throws {
        XCTAssertEqual(try cli.run(["generate", "--customers", "600", "--out", "sample", "--seed", "9", "--as-of", "2026-06-30"]).status, 0)
        try await cli.eachDatabase(sqlite: cli.database("gbm.sqlite")) { db, name in
            for kind in ["customers", "accounts", "dues", "payments"] {
                let result = try cli.run(["import", kind, "sample/\(kind).csv"] + db)
                XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            }
            let train = try cli.run(["model", "train", "--target", "pay30", "--as-of", "2026-06-30", "--model", "gbm"] + db)
            XCTAssertEqual(train.status, 0, "\(name): \(train.stderr)")
            XCTAssertTrue(train.stdout.hasPrefix("pay30-v1: pay30, gbm, candidate"), train.stdout)
            XCTAssertTrue(train.stdout.contains("Gradient-boosted trees:"), train.stdout)
            XCTAssertTrue(train.stdout.contains("Scaling: 600 points at odds 50:1"), train.stdout)
            let holdoutLine = try XCTUnwrap(train.stdout.split(separator: "\n").first { $0.hasPrefix("hold-out ") }, train.stdout)
            let figures = holdoutLine.split(separator: " ").dropFirst().compactMap { Double($0) }
            XCTAssertEqual(figures.count, 5, String(holdoutLine))
            XCTAssertGreaterThan(figures.count == 5 ? figures[2] : 0, 0.55, "\(name): the hold-out AUC is better than chance")
            XCTAssertEqual(figures.count == 5 ? figures[4] : 0, figures.count == 5 ? 2 * figures[2] - 1 : 1, accuracy: 0.0002, "Gini = 2 AUC - 1")

            let scorecard = try cli.run(["model", "train", "--target", "roll", "--as-of", "2026-06-30"] + db)
            XCTAssertEqual(scorecard.status, 0, "\(name): \(scorecard.stderr)")
            XCTAssertTrue(scorecard.stdout.hasPrefix("roll-v1: roll, scorecard, candidate"), scorecard.stdout)
            let list = try XCTUnwrap(try json(try cli.run(["model", "list", "--format", "json"] + db).stdout) as? [[String: Any]])
            XCTAssertEqual(list.map { "\($0["id"] ?? ""):\($0["kind"] ?? "")" }, ["pay30-v1:gbm", "roll-v1:scorecard"], name)
            let show = try cli.run(["model", "show", "pay30-v1"] + db)
            XCTAssertEqual(show.stdout, train.stdout, "\(name): show prints what train printed")

            XCTAssertEqual(try cli.run(["model", "activate", "pay30-v1"] + db).status, 0, name)
            let run = try cli.run(["run-day", "--date", "2026-07-01"] + db)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            let monitor = try XCTUnwrap(try json(try cli.run(["model", "monitor", "--format", "json"] + db).stdout) as? [[String: Any]])
            XCTAssertEqual(monitor.count, 1, "\(name): \(monitor)")
            XCTAssertGreaterThan(monitor.first?["scored"] as? Int ?? 0, 0, name)
            XCTAssertLessThan(monitor.first?["psi"] as? Double ?? 1, 0.1, "\(name): a day after training the population is the one it was trained on")

            XCTAssertEqual(try cli.run(["user", "add", "--username", "reader", "--role", "supervisor", "--password-stdin"] + db,
                                       input: "a password for the reader\n").status, 0, name)
            let token = try cli.run(["token", "create", "--username", "reader"] + db).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let actions = try cli.run(["report", "actions", "--date", "2026-07-01", "--format", "csv"] + db).stdout.split(separator: "\n")
            let caseIds = actions.dropFirst().prefix(20).compactMap { $0.split(separator: ",").first.map(String.init) }
            XCTAssertFalse(caseIds.isEmpty, name)
            let (started, base) = try await cli.startServer(db, log: "serve-\(name).log")
            server = started
            defer {
                started.stop()
                server = nil
            }
            var scores: [[String: Any]] = []
            for caseId in caseIds {
                var request = HTTPClientRequest(url: base + "/api/v1/cases/" + caseId)
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 22))
                XCTAssertEqual(response.status.code, 200, "\(name): \(body)")
                let file = try XCTUnwrap(try json(body) as? [String: Any])
                for account in file["accounts"] as? [[String: Any]] ?? [] { scores += account["scores"] as? [[String: Any]] ?? [] }
            }
            XCTAssertFalse(scores.isEmpty, "\(name): the cases' accounts are scored")
            for score in scores {
                XCTAssertEqual(score["model_id"] as? String ?? score["modelId"] as? String, "pay30-v1", name)
                let probability = try XCTUnwrap(score["probability"] as? Double), points = try XCTUnwrap(score["points"] as? Int)
                // Points rise with paying: 600 at 50:1, 20 to double the odds (probability to 1e-6).
                let odds = min(max(probability, 1e-6), 1 - 1e-6) / (1 - min(max(probability, 1e-6), 1 - 1e-6))
                XCTAssertEqual(Double(points), 600 + 20 * log2(odds / 50), accuracy: 0.6, "\(name): \(score)")
                let reasons = score["reasons"] as? [[String: Any]] ?? []
                XCTAssertLessThanOrEqual(reasons.count, 3, name)
                for reason in reasons {
                    XCTAssertLessThan(reason["contribution"] as? Double ?? 0, 0, "\(name): a reason cost points: \(reason)")
                    XCTAssertFalse((reason["feature"] as? String ?? "").isEmpty, name)
                    XCTAssertFalse((reason["text"] as? String ?? "").isEmpty, name)
                }
            }
            XCTAssertTrue(scores.contains { !($0["reasons"] as? [[String: Any]] ?? []).isEmpty }, "\(name): reasons are kept with the scores")
        }
    }
}
