"""Story text written for the tests (never copied from real news)."""

# Text written for these tests: two stories run together, no separator.
HARBOUR = [
    "The harbour authority in Port Ellis will dredge the main channel this spring to let larger cargo ships dock.",
    "Port Ellis harbour authority said on Tuesday it would dredge the main channel to let larger cargo ships reach "
    "the docks, after shipping firms warned they might move elsewhere.",
    "The work will cost about 40m and take four months. Dredgers will work at night to keep the channel open by day.",
    '"This keeps the port competitive for another generation," said harbour master Ines Walcott.',
    "Fishermen have asked for compensation for lost catches while the work goes on. The authority said talks "
    "were planned.",
]
CHOIR = [
    "A village choir from the Vale of Arden has won the national amateur singing contest at its first attempt.",
    "he Arden Singers, a choir of 24 villagers, beat 60 rival choirs to win the national amateur singing contest "
    "in Leeds on Saturday evening.",
    "Their director, retired music teacher Colm Brady, said the choir had rehearsed in the village hall twice a week.",
    '"Nobody expected us to get past the first round," he said. "We just sang the songs we love."',
    "The prize includes a recording session and a concert at the city's cathedral next year.",
]
