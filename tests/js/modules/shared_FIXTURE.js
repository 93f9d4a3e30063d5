export const shared = "same binding through both stars";
