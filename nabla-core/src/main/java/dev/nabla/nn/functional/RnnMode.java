package dev.nabla.nn.functional;

/** The recurrent cell types, with the number of gates stacked in their weights (PyTorch's order). */
public enum RnnMode {
    /** h' = tanh(W_ih x + b_ih + W_hh h + b_hh). */
    RNN_TANH(1, "rnn_tanh"),
    /** h' = relu(W_ih x + b_ih + W_hh h + b_hh). */
    RNN_RELU(1, "rnn_relu"),
    /** Gates i, f, g, o; c' = f c + i g, h' = o tanh(c'). */
    LSTM(4, "lstm"),
    /** Gates r, z, n; n = tanh(W_in x + b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h. */
    GRU(3, "gru");

    private final int gates;
    private final String opName;

    RnnMode(int gates, String opName) {
        this.gates = gates;
        this.opName = opName;
    }

    /** Number of gate blocks of size hidden_size in weight_ih / weight_hh. */
    public int gates() {
        return gates;
    }

    /** The PyTorch op name, for messages. */
    public String opName() {
        return opName;
    }
}
