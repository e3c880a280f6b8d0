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
        "runs_title": "每日批处理与策略对比",
        "runs_link": "每日批处理",
        "trend": "逾期账户数走势",
        "minimum": "最低",
        "maximum": "最高",
        "cells": "冠军/挑战者策略对比",
        "cell": "策略组",
        "cases": "案件数",
        "cured": "已结清",
        "cure_rate": "结清率",
        "open": "在催",
        "collected": "回收金额",
        "recent_runs": "最近的批处理",
        "business_date": "业务日期",
        "strategy": "策略版本",
        "opened": "新开",
        "closed": "结案",
        "actions": "行动",
        "messages": "短信/邮件",
        "tasks_assigned": "已分配任务",
        "tasks_queued": "排队任务",
        "promises": "承诺还款结算",
        "kept": "已履行",
        "partly_kept": "部分履行",
        "broken": "未履行",
        "no_runs": "还没有运行过每日批处理。请运行 arrears run-day --date 日期。",
        "sign_in": "登录",
        "sign_out": "退出登录",
        "username": "用户名",
        "password": "密码",
        "sign_in_failed": "用户名或密码错误。",
        "sign_in_throttled": "登录失败次数过多，请 {minutes} 分钟后再试。",
        "error_forbidden": "您的角色无权查看此页面。",
        "error_not_found": "页面不存在。",
        "error_too_large": "提交的内容过大。",
        "error_too_many": "请求过于频繁，请稍后再试。",
        "error_bad_request": "请求无效，请返回后重试。",
        "error_failed": "系统出错，已记录，请稍后再试。",
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
        "runs_title": "Daily runs and champion/challenger",
        "runs_link": "Daily runs",
        "trend": "Delinquent accounts over time",
        "minimum": "low",
        "maximum": "high",
        "cells": "Champion/challenger cells",
        "cell": "Cell",
        "cases": "Cases",
        "cured": "Cured",
        "cure_rate": "Cure rate",
        "open": "Open",
        "collected": "Collected",
        "recent_runs": "Recent runs",
        "business_date": "Business date",
        "strategy": "Strategy",
        "opened": "Opened",
        "closed": "Closed",
        "actions": "Actions",
        "messages": "Messages",
        "tasks_assigned": "Tasks assigned",
        "tasks_queued": "Tasks queued",
        "promises": "Promises settled",
        "kept": "kept",
        "partly_kept": "partly kept",
        "broken": "broken",
        "no_runs": "No daily run yet. Run arrears run-day --date DATE.",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "username": "Username",
        "password": "Password",
        "sign_in_failed": "Wrong username or password.",
        "sign_in_throttled": "Too many failed sign-ins. Try again in {minutes} minutes.",
        "error_forbidden": "Your role may not see this page.",
        "error_not_found": "There is no such page.",
        "error_too_large": "What was sent is too large.",
        "error_too_many": "Too many requests. Try again later.",
        "error_bad_request": "The request is not valid. Go back and try again.",
        "error_failed": "Something went wrong and was logged. Try again later.",
    ]
}
