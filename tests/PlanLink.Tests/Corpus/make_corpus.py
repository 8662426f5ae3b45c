#!/usr/bin/env python3
"""Writes the malformed-input corpus (IngestCorpusTests). Each folder is one export with one
kind of damage; the expected errors are listed in the test. Re-run after changing: python3 make_corpus.py"""
import os, random, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OFFICES = ("office_id,office_name,municipality_code,service,capacity,opened,closed\n"
           "1310100011,架空相談支援センター,131016,plan_consultation,40,2015-04-01,\n"
           "1310100022,グループホーム架空,131016,group_home,10,2018-04-01,\n")
MUNIS = "municipality_code,name,prefecture,region,population\n131016,架空区,東京都,架空圏域,67000\n131024,想像区,東京都,架空圏域,170000\n"
PLANS_H = "plan_id,person_key,office_id,municipality_code,plan_date,plan_kind,age_band,disability_types,support_category,monitoring_months,end_date,wishes\n"
def plan(i, **kw):
    f = dict(plan_id=f"P{i}", person_key=f"pk{i}", office_id="1310100011", municipality_code="131016", plan_date="2026-04-01",
             plan_kind="本計画", age_band="30-39", disability_types="知的", support_category="1", monitoring_months="3", end_date="", wishes="働き続けたい")
    f.update(kw)
    return ",".join(f.values()) + "\n"

def case(name, files, encoding="utf-8"):
    d = os.path.join(HERE, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    files = {"offices.csv": OFFICES, "municipalities.csv": MUNIS, **files}
    for fname, content in files.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(d, fname), mode, **({} if mode == "wb" else {"encoding": encoding if fname == "plans.csv" else "utf-8", "newline": ""})) as f:
            f.write(content)

case("truncated-row", {"plans.csv": PLANS_H + plan(1) + plan(2) + "P3,pk3,13101000"})
case("truncated-quote", {"plans.csv": PLANS_H + plan(1) + plan(2) + plan(3, wishes='"希望が途中で').rstrip("\n")})
case("wrong-encoding", {"plans.csv": PLANS_H + plan(1) + plan(2, wishes="一人で暮らしたい")}, encoding="euc_jp")
case("wrong-types", {
    "plans.csv": PLANS_H + plan(1, plan_date="2026-13-45") + plan(2, monitoring_months="三") + plan(3, office_id="12345")
                 + plan(4, municipality_code="131017") + plan(5, plan_date="2026-04-01", end_date="2025-01-01") + plan(6),
    "plan_needs.csv": "plan_id,priority,need_text,domain,goal_text,target_months,person_role\nP6,abc,課題,housing,目標,6,\nP6,1,課題,housing,目標,6,\n",
})
case("unknown-codes", {
    "plans.csv": PLANS_H + plan(1) + plan(2, support_category="7") + plan(3, plan_kind="draftx"),
    "plan_needs.csv": "plan_id,priority,need_text,domain,goal_text,target_months,person_role\nP1,1,課題,space,目標,6,\nP1,2,課題,housing,目標,6,\n",
    "plan_services.csv": "plan_id,priority,service,amount,unit,provider_office_id,status,since\nP1,1,teleport,,,,in_use,2026-04-01\nP1,2,group_home,,,1310100022,maybe,2026-04-01\nP1,2,group_home,,,1310100022,in_use,2026-04-01\n",
    "monitoring.csv": "plan_id,monitoring_date,priority,achievement,change_service_type,change_amount,change_weekly_schedule,new_issue\nP1,2026-07-01,1,完璧,無,無,無,\nP1,2026-07-01,2,達成,たぶん,無,無,\n",
})
case("duplicate-keys", {"plans.csv": PLANS_H + plan(1) + plan(1) + plan(2) + plan(2, age_band="40-49")})
case("dangling-references", {
    "plans.csv": PLANS_H + plan(1),
    "plan_needs.csv": "plan_id,priority,need_text,domain,goal_text,target_months,person_role\nP1,1,課題,housing,目標,6,\nP9,1,課題,housing,目標,6,\n",
    "plan_services.csv": "plan_id,priority,service,amount,unit,provider_office_id,status,since\nP1,1,group_home,,,1310100022,in_use,2026-04-01\nP1,1,group_home,,,9999999999,waiting,2026-05-01\n",
    "support_plans.csv": "support_plan_id,person_key,provider_office_id,service,plan_date,long_goal,short_goal\nS1,pk1,1310100022,group_home,2026-04-10,,\n",
    "support_goals.csv": "support_plan_id,goal_no,goal_text,linked_priority,period_months,staff_role\nS1,1,目標,1,6,世話人\nS1,2,目標,7,6,世話人\nSX,1,目標,,6,世話人\n",
    "monitoring.csv": "plan_id,monitoring_date,priority,achievement,change_service_type,change_amount,change_weekly_schedule,new_issue\nP9,2026-07-01,1,達成,無,無,無,\n",
})
case("empty-file", {"plans.csv": b""})
case("header-only", {"plans.csv": PLANS_H})
rng = random.Random(20260401)
case("binary-garbage", {"plans.csv": bytes(rng.randrange(256) for _ in range(4096))})
case("quote-mid-file", {"plans.csv": PLANS_H + plan(1) + plan(2) + plan(3, wishes='"閉じない引用符') + plan(4) + plan(5)})
case("ragged-rows", {"plans.csv": PLANS_H + plan(1) + plan(2, wishes="働きたい,遊びたい") + plan(3)})
