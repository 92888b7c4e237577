/** The ranges live with the decisions that name them (the firewall warning); components import them here. */
export { GOOGLE_FRONT_END_RANGES } from "../translate/google-ranges";
