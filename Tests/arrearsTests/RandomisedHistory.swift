import Foundation
import XCTest

/// A portfolio with a randomised history of actions whose effects are known, as CSV files for
/// `arrears import`: the response models (`model train --target response`) and the off-policy
/// evaluation (`evaluate`) are tested on it.
///
/// `customers` customers who paid 1,000 a month through December 2025 and then stopped; each has
/// one action between 10 January and 30 April 2026, its channel drawn from `channels` with equal
/// chances and logged in cell `random` with `propensity`. Within 20 days after it the customer
/// pays 1,000 with a chance of 20% after none, 35% after an SMS and 50% after a call: in
/// expectation 200, 350 and 500 within a horizon of 20 days or more (unless `repayment` gives
/// other chances by channel). With `mobile` every customer has a mobile number.
enum RandomisedHistory {
    /// The chances of paying 1,000 within 20 days by channel described above.
    static let standardRepayment: @Sendable (String) -> Double = { $0 == "none" ? 0.2 : $0 == "sms" ? 0.35 : 0.5 }

    /// The files written into `cli`'s folder, by import kind.
    static func write(to cli: CommandRunner, customers: Int, seed: UInt64, channels: [String] = ["none", "sms", "call"],
                      propensity: String = "0.3333333333", mobile: Bool = false,
                      repayment: (String) -> Double = standardRepayment) throws -> [String: String] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var customerRows = [mobile ? "customer_id,name,mobile,credit_rating" : "customer_id,name,credit_rating"], accounts = ["account_id,customer_id,product,currency,principal,opened_on"]
        var dues = ["account_id,due_on,principal,interest,fees"], payments = ["payment_id,account_id,paid_on,amount,currency,channel"]
        var actions = ["action_id,customer_id,date,channel,cell,propensity"]
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let start = try XCTUnwrap(formatter.date(from: "2026-01-10"))
        for index in 1...customers {
            let customer = String(format: "C%04d", index), account = String(format: "A%04d", index)
            let phone = mobile ? "+86 138 0000 \(String(format: "%04d", index))," : ""
            customerRows.append("\(customer),Customer \(index),\(phone)\(["A", "B", "C"][index % 3])")
            accounts.append("\(account),\(customer),credit_card,CNY,17000.00,2025-01-01")
            for month in 2...18 {
                let due = String(format: "%04d-%02d-05", month > 12 ? 2026 : 2025, month > 12 ? month - 12 : month)
                dues.append("\(account),\(due),1000.00,0,0")
                if month <= 12 { payments.append("P\(account)-\(month),\(account),\(due),1000.00,CNY,bank") }
            }
            let day = start.addingTimeInterval(Double(Int(next() * 110)) * 86400)
            let channel = channels[min(channels.count - 1, Int(next() * Double(channels.count)))]
            actions.append("H\(index),\(customer),\(formatter.string(from: day)),\(channel),random,\(propensity)")
            if next() < repayment(channel) {
                let paid = day.addingTimeInterval(Double(1 + Int(next() * 20)) * 86400)
                payments.append("R\(account),\(account),\(formatter.string(from: paid)),1000.00,CNY,bank")
            }
        }
        var files: [String: String] = [:]
        for (kind, lines) in [("customers", customerRows), ("accounts", accounts), ("dues", dues), ("payments", payments), ("actions", actions)] {
            files[kind] = try cli.file("\(kind).csv", lines)
        }
        return files
    }
}
