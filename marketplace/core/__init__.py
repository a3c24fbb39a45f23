"""Small helpers every domain uses: text folding, money, local time, shared facts."""
