import { Household } from "../../src/core/read/household";

/** A household as the reader would give it: a paid-up owner, changed by `over`. */
export function makeHousehold(over: Partial<Household> = {}): Household {
  const room = over.room ?? over.label ?? "1-101";
  return {
    key: `||${room}`,
    sheet: "台账",
    rows: [5],
    building: "",
    unit: "",
    room,
    label: room,
    owner: "张伟",
    phone: "13800001111",
    address: "",
    collector: "",
    consent: false,
    notes: "",
    area: null,
    monthlyFee: 300,
    monthsOverdue: 0,
    monthsEstimated: false,
    amountOverdue: 0,
    amountEstimated: false,
    oldestUnpaid: null,
    oldestUnpaidEstimated: false,
    unpaidMonths: [],
    lastPayment: null,
    history: null,
    collection: null,
    vacantMarked: false,
    problems: [],
    ...over,
  };
}
