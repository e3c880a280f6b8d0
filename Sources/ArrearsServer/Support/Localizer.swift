import ArrearsCore
import Vapor

/// The pages' words in Simplified Chinese and English. The language comes from `?lang=`, then the
/// `lang` cookie, then `Accept-Language`; Chinese is the default.
struct Localizer: Sendable {
    let language: Language

    init(language: Language) { self.language = language }

    init(request: Request) {
        if let query = request.query[String.self, at: "lang"], let language = Language(rawValue: query) {
            self.language = language
        } else if let cookie = request.cookies["lang"]?.string, let language = Language(rawValue: cookie) {
            self.language = language
        } else if let accept = request.headers.first(name: .acceptLanguage), accept.lowercased().hasPrefix("en") {
            self.language = .en
        } else {
            self.language = .default
        }
    }

    subscript(_ key: String) -> String {
        let table = language == .en ? Self.english : Self.chinese
        return table[key] ?? key
    }

    /// Every word a page needs, for the template to read as `t.key`.
    var table: [String: String] { language == .en ? Self.english : Self.chinese }

    static let chinese: [String: String] = [
        "title": "逾期账户概览",
        "product_name": "Arrears 催收管理",
        "as_of": "数据日期",
        "no_positions": "尚未计算逾期状况。请运行 arrears recompute --as-of 日期。",
        "bucket": "逾期阶段",
        "accounts": "账户数",
        "overdue": "逾期金额",
        "outstanding": "未还金额",
        "currency": "币种",
        "delinquent_accounts": "逾期账户",
        "all_buckets": "全部",
        "account": "账户",
        "customer": "客户",
        "product": "产品",
        "dpd": "逾期天数",
        "total_delinquent": "逾期账户合计",
        "credit_card": "信用卡",
        "personal_loan": "个人贷款",
        "corporate_loan": "对公贷款",
        "current": "正常",
        "previous": "上一页",
        "next": "下一页",
        "switch_language": "English",
        "switch_language_code": "en",
        "none": "没有符合条件的逾期账户。",
    ]

    static let english: [String: String] = [
        "title": "Delinquency overview",
        "product_name": "Arrears collections",
        "as_of": "As of",
        "no_positions": "Delinquency has not been computed yet. Run arrears recompute --as-of DATE.",
        "bucket": "Bucket",
        "accounts": "Accounts",
        "overdue": "Overdue",
        "outstanding": "Outstanding",
        "currency": "Currency",
        "delinquent_accounts": "Delinquent accounts",
        "all_buckets": "All",
        "account": "Account",
        "customer": "Customer",
        "product": "Product",
        "dpd": "DPD",
        "total_delinquent": "Delinquent accounts in all",
        "credit_card": "Credit card",
        "personal_loan": "Personal loan",
        "corporate_loan": "Corporate loan",
        "current": "Current",
        "previous": "Previous",
        "next": "Next",
        "switch_language": "中文",
        "switch_language_code": "zh-CN",
        "none": "No delinquent accounts match.",
    ]
}
