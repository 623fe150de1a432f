// Control periods per place, derived from the store's dated facts. (Being written.)
