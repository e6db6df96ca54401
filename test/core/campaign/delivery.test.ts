import { deliveredDemands, lastDeliveredDemand, proofOfDelivery } from "../../../src/core/campaign/delivery";
import { makePlan } from "../../../src/core/campaign/instalments";
import { RecordEntry } from "../../../src/core/campaign/record";

function entry(over: Partial<RecordEntry>): RecordEntry {
  return {
    row: 2,
    date: "2026-11-01",
    householdKey: "1|2|301",
    room: "1-2-301",
    stage: null,
    channel: null,
    result: "sent",
    promisedDate: null,
    amount: null,
    proof: "",
    note: "",
    ...over,
  };
}

describe("proof that a demand reached the owner (Civil Code art. 195)", () => {
  it("is an EMS item signed for, a signed slip, a witnessed refusal or an instalment agreement — never a notice only sent", () => {
    const { plan } = makePlan({ owedCents: 90000, count: 3, agreed: "2027-02-01", lateFeeWaived: true });
    const entries = [
      entry({ row: 2, date: "2026-10-01", stage: 6, result: "sent" }),
      entry({ row: 3, date: "2026-10-02", stage: 6, result: "delivered" }),
      entry({
        row: 4,
        date: "2026-11-24",
        stage: 12,
        channel: "ems",
        result: "sent",
        proof: "EA123456789CN",
      }),
      entry({
        row: 5,
        date: "2026-11-27",
        stage: 12,
        channel: "ems",
        result: "delivered",
        proof: "EA123456789CN",
      }),
      entry({ row: 6, date: "2026-12-20", stage: 13, result: "delivered", note: "拒收，见证人：保安李某" }),
      entry({ row: 7, date: "2027-01-05", stage: 13, result: "returned", note: "查无此人" }),
      entry({ row: 8, date: "2027-02-01", result: "instalmentAgreed", plan }),
      entry({ row: 9, date: "2027-02-03", stage: "thanks", result: "delivered", proof: "x" }),
      entry({ row: 10, date: "2026-09-01", stage: 3, result: "delivered" }),
    ];
    const proven = deliveredDemands(entries);
    expect(proven.map((d) => [d.date, d.stage, d.how, d.proof])).toEqual([
      ["2026-10-02", 6, "signed", ""],
      ["2026-11-27", 12, "ems", "EA123456789CN"],
      ["2026-12-20", 13, "witnessed", "拒收，见证人：保安李某"],
      ["2027-02-01", null, "acknowledged", ""],
    ]);
    expect(proven[1].basis["zh-CN"]).toBe("2026-11-27 催告函 EMS 妥投（EA123456789CN）（催缴记录第 5 行）");
    expect(proven[1].basis["en-US"]).toBe(
      "2026-11-27 Formal demand: EMS delivered (EA123456789CN) (collection record row 5)",
    );
    expect(lastDeliveredDemand(entries, "2027-01-31")?.row).toBe(6);
    expect(lastDeliveredDemand(entries, "2026-10-01")).toBeNull();
  });

  it("leaves room on the slip for the person delivering, and a refusal box with a witness, in both languages", () => {
    expect(proofOfDelivery("zh-CN").delivery).toEqual(["送达人（签字）", "送达日期"]);
    expect(proofOfDelivery("zh-CN").refusal?.blanks).toContain("见证人签字");
    expect(proofOfDelivery("en-US").refusal?.title).toBe("□ Refused (left with a witness)");
  });
});
