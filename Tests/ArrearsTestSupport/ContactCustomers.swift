/// The customers file the contact tests import: C1 王芳 in Shanghai with a mobile number, an
/// e-mail and a postal address, and C2 李雷 in Beijing with a mobile number only, both in the
/// Asia/Shanghai time zone and writing in Chinese.
public enum ContactCustomers {
    public static let lines = [
        "customer_id,name,mobile,email,address,region,time_zone,language,credit_rating",
        "C1,王芳,13800138000,wf@example.com,上海市浦东新区世纪大道100号,上海,Asia/Shanghai,zh-CN,B",
        "C2,李雷,13900139000,,,北京,Asia/Shanghai,zh-CN,C",
    ]
}
